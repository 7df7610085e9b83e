package org.enverify.platform.web;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The language of a page, in every role that renders one: the one a page chose for the request (the
 * user-report web view chooses its agency's), else the one kept in the {@code ENVERIFY_LANG} cookie (the UI's
 * {@code ?lang=es}), else the browser's languages.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("ENVERIFY_LANG");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }
}
