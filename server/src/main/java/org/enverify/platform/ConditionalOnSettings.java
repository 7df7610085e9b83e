package org.enverify.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Registers a bean only when every named setting has a non-blank value, for optional features such
 * as a periodic task that talks to a third party: without its settings the task does not exist.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnSettingsCondition.class)
public @interface ConditionalOnSettings {

    /** Property names, such as {@code enverify.appsync.url} (environment variable {@code ENVERIFY_APPSYNC_URL}). */
    String[] value();
}
