package org.enverify.ui;

import java.util.List;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The web shell of the UI role: every page handler may take the {@link UiContext}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
class UiShellConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new UiContextResolver());
    }
}
