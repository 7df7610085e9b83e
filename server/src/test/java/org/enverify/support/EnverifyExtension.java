package org.enverify.support;

import java.util.Set;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Hands a test's constructor, test methods and lifecycle methods what almost every integration test
 * needs, as plain parameters: a {@link TestRealm}, an {@link ApiClient} and a {@link UiClient} of the
 * running application, and its {@link MutableClock}. Every parameter is its own: two {@code TestRealm}
 * parameters are two realms, two {@code UiClient} parameters two browsers with their own cookies.
 * After each test the clock runs again on real time.
 */
public class EnverifyExtension implements ParameterResolver, AfterEachCallback {

    private static final Set<Class<?>> PROVIDED =
            Set.of(TestRealm.class, ApiClient.class, UiClient.class, MutableClock.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        // a parameter Spring's extension injects stays Spring's, so the two never compete for it
        return PROVIDED.contains(parameter.getParameter().getType())
                && !parameter.isAnnotated(Autowired.class)
                && !parameter.isAnnotated(Qualifier.class)
                && !parameter.isAnnotated(Value.class)
                && !parameter.getDeclaringExecutable().isAnnotationPresent(Autowired.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        ApplicationContext context = SpringExtension.getApplicationContext(extension);
        Class<?> type = parameter.getParameter().getType();
        if (type == TestRealm.class) {
            return TestRealm.create(context.getBean(Realms.class), context.getBean(ApiKeys.class));
        }
        if (type == ApiClient.class) {
            return new ApiClient(port(context));
        }
        if (type == UiClient.class) {
            return new UiClient(port(context));
        }
        return context.getBean(MutableClock.class);
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        SpringExtension.getApplicationContext(extension)
                .getBeanProvider(MutableClock.class)
                .ifAvailable(MutableClock::reset);
    }

    private static int port(ApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
