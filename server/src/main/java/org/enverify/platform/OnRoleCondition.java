package org.enverify.platform;

import java.util.Arrays;
import java.util.Set;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnRoleCondition implements Condition {

    static final String PROPERTY = "enverify.roles";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        if (attributes == null) {
            return false;
        }
        ProcessRole[] required = (ProcessRole[]) attributes.get("value");
        Set<ProcessRole> running = ProcessRole.parse(context.getEnvironment().getProperty(PROPERTY, "all"));
        return Arrays.stream(required).anyMatch(running::contains);
    }
}
