package org.enverify.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * What the account's part of a request tells the locale resolver: the language {@code ?lang=} chose in this request
 * (to be saved for the signed-in user), and the signed-in user's saved language (to be used when none was chosen).
 */
public final class PageLanguage {

    static final String CHOSEN = PageLanguage.class.getName() + ".chosen";

    private PageLanguage() {}

    /** The language {@code ?lang=} chose in this request, when the UI offers it. */
    public static Optional<Locale> chosen(HttpServletRequest request) {
        return Optional.ofNullable((Locale) request.getAttribute(CHOSEN));
    }

    /** The signed-in user's saved language: for this request it comes before the cookie and the browser's. */
    public static void useSaved(HttpServletRequest request, Locale saved) {
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, saved);
    }
}
