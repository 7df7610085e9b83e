package org.enverify.platform.web;

import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** The messages of every role (ICU syntax, {@code spring.messages.*}) and the language of its pages. */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    @Bean
    @ConfigurationProperties("spring.messages")
    MessageSourceProperties messageSourceProperties() {
        return new MessageSourceProperties();
    }

    @Bean
    MessageSource messageSource(MessageSourceProperties properties) {
        IcuMessageSource messages = new IcuMessageSource();
        messages.setBasenames(properties.getBasename().toArray(String[]::new));
        messages.setDefaultEncoding(properties.getEncoding().name());
        messages.setFallbackToSystemLocale(properties.isFallbackToSystemLocale());
        if (properties.getCacheDuration() != null) {
            messages.setCacheMillis(properties.getCacheDuration().toMillis());
        }
        return messages;
    }

    @Bean
    Languages languages() {
        return new Languages("messages");
    }

    @Bean
    LocaleResolver localeResolver(Languages languages) {
        return new LanguageResolver(languages);
    }
}
