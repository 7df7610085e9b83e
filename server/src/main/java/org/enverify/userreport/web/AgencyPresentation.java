package org.enverify.userreport.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.enverify.platform.web.ContentSecurityPolicy;
import org.enverify.realm.AgencyBranding;
import org.enverify.realm.Translation;

/**
 * How the web view presents a realm's health agency, from what app sync stored: its color and logo, the language
 * of the page and the agency's own wording of the texts it translates. The language is the browser's first one that
 * the server's messages or the agency's translations offer, else the agency's default locale, else English, as
 * upstream's web view chooses.
 *
 * @param texts the agency's wording by message id (upstream's {@code webReportIntroMessage}, ...), in the language
 */
record AgencyPresentation(
        Locale locale,
        String color,
        String image,
        String learnMoreUrl,
        String style,
        Map<String, String> texts,
        String contentSecurityPolicy) {

    private static final String DEFAULT_LANGUAGE = "en";

    static AgencyPresentation of(
            String acceptLanguage, AgencyBranding branding, List<Translation> translations, Set<String> pageLanguages) {
        Set<String> offered = new LinkedHashSet<>(pageLanguages);
        translations.forEach(translation -> offered.add(translation.locale()));
        String chosen = lookup(ranges(acceptLanguage), offered);
        if (chosen == null) {
            chosen = branding.defaultLocale() == null ? DEFAULT_LANGUAGE : branding.defaultLocale();
        }
        Map<String, String> texts = new HashMap<>();
        for (String candidate : fallbacks(chosen, branding.defaultLocale())) {
            for (Translation translation : translations) {
                if (translation.locale().equalsIgnoreCase(candidate)) {
                    texts.putIfAbsent(translation.messageId(), translation.message());
                }
            }
        }
        // The color is #rrggbb by AgencyBranding's rule, so the style needs no escaping and its hash is stable.
        String style = branding.backgroundColor() == null
                ? null
                : ".agency-logo{background-color:" + branding.backgroundColor() + "}";
        return new AgencyPresentation(
                Locale.forLanguageTag(chosen),
                branding.backgroundColor(),
                branding.image(),
                branding.learnMoreUrl(),
                style,
                Map.copyOf(texts),
                ContentSecurityPolicy.allowing(branding.imageOrigin(), style));
    }

    /** The chosen tag, its language alone, then the default locale and its language: upstream's order. */
    private static List<String> fallbacks(String chosen, String defaultLocale) {
        List<String> tags = new ArrayList<>();
        tags.add(chosen);
        tags.add(Locale.forLanguageTag(chosen).getLanguage());
        if (defaultLocale != null) {
            tags.add(defaultLocale);
            tags.add(Locale.forLanguageTag(defaultLocale).getLanguage());
        }
        return tags;
    }

    /** RFC 4647 lookup: each range by weight, shortened from the end until an offered tag matches it. */
    private static String lookup(List<Locale.LanguageRange> ranges, Set<String> offered) {
        for (Locale.LanguageRange range : ranges) {
            for (String tag = range.getRange(); !tag.isEmpty() && !tag.equals("*"); ) {
                for (String candidate : offered) {
                    if (candidate.equalsIgnoreCase(tag)) {
                        return candidate;
                    }
                }
                int cut = tag.lastIndexOf('-');
                tag = cut < 0 ? "" : tag.substring(0, cut);
            }
        }
        return null;
    }

    private static List<Locale.LanguageRange> ranges(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return List.of();
        }
        try {
            return Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
