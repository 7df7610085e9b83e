package org.enverify.ui;

import java.util.List;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web shell of the UI role: every page handler may take the {@link UiContext}, and a {@link Confirm} action
 * runs only confirmed (checked last, after sign-in and permissions).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
class UiShellConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new UiContextResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConfirmationInterceptor()).order(Ordered.LOWEST_PRECEDENCE);
    }
}
