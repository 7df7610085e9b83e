package org.enverify.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Registers a whole configuration only in processes that run at least one of the given roles. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {

    /** Any of these; left out, any role at all: the server, never a CLI command. */
    ProcessRole[] value() default {
        ProcessRole.UI, ProcessRole.DEVICE_API, ProcessRole.ADMIN_API, ProcessRole.REDIRECT, ProcessRole.WORKER
    };
}
