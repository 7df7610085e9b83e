package org.enverify.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link EnverifyIntegrationTest} with the operator's identity provider ({@link TestIdentityProvider#OPERATOR})
 * configured for the management API's system scope; classes with this annotation share one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EnverifyIntegrationTest
@ContextConfiguration(initializers = TestIdentityProvider.OperatorProperties.class)
public @interface ManagementApiIntegrationTest {}
