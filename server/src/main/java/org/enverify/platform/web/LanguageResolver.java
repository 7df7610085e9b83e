package org.enverify.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The language of a page, as upstream chooses it: the one chosen for the request ({@code ?lang=}, or the language a
 * page picked itself, as the user-report web view picks its agency's), then the signed-in user's saved language,
 * then the one kept in the {@code ENVERIFY_LANG} cookie (pages for people not signed in), then the browser's first
 * language the UI offers, then English. A {@code ?lang=} the UI does not offer changes nothing.
 */
final class LanguageResolver extends CookieLocaleResolver {

    static final String COOKIE = "ENVERIFY_LANG";

    private final Languages languages;

    LanguageResolver(Languages languages) {
        super(COOKIE);
        this.languages = languages;
        setCookieMaxAge(Duration.ofDays(365));
        setDefaultLocaleFunction(request -> languages.forBrowser(request.getHeader("Accept-Language")));
    }

    @Override
    public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
        Optional<Locale> offered = languages.offering(context == null ? null : context.getLocale());
        if (offered.isEmpty()) {
            return;
        }
        super.setLocaleContext(request, response, new SimpleLocaleContext(offered.get()));
        request.setAttribute(PageLanguage.CHOSEN, offered.get());
    }
}
