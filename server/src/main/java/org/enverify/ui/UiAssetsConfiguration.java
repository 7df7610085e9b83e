package org.enverify.ui;

import java.time.Duration;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The UI's scripts, styles and images ({@code /ui/**} from {@code static/ui}, {@code /webjars/**} from the webjars)
 * under fingerprinted URLs: the name carries a hash of the content ({@code app-3f1c….css}), which every {@code
 * @{...}} link of a template gets through {@link ResourceUrlEncodingFilter}. A fingerprinted URL never changes
 * content, so browsers keep it for a year without asking again; a new release links new names.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
class UiAssetsConfiguration implements WebMvcConfigurer {

    static final CacheControl FOREVER =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        fingerprinted(registry, "/ui/**", "classpath:/static/ui/");
        fingerprinted(registry, "/webjars/**", "classpath:/META-INF/resources/webjars/");
    }

    private static void fingerprinted(ResourceHandlerRegistry registry, String pattern, String location) {
        registry.addResourceHandler(pattern)
                .addResourceLocations(location)
                .setCacheControl(FOREVER)
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
    }

    @Bean
    ResourceUrlEncodingFilter resourceUrlEncodingFilter() {
        return new ResourceUrlEncodingFilter();
    }
}
