package org.enverify.platform;

import java.util.Arrays;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnSettingsCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var attributes = metadata.getAnnotationAttributes(ConditionalOnSettings.class.getName());
        if (attributes == null) {
            return false;
        }
        return Arrays.stream((String[]) attributes.get("value")).allMatch(name -> {
            String value = context.getEnvironment().getProperty(name);
            return value != null && !value.isBlank();
        });
    }
}
