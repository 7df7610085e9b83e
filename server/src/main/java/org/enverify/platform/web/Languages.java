package org.enverify.platform.web;

import com.ibm.icu.text.DisplayContext;
import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.function.SingletonSupplier;

/**
 * The languages the web UI offers: English, the language of {@code messages.properties}, and the language of each
 * {@code messages_xx.properties} beside it, so adding a file adds a language. Templates reach it as the bean
 * {@code @languages}.
 */
public final class Languages {

    private final List<Locale> offered;

    /** Named on the first page, not at start: the CLI starts this bean too and never shows a picker. */
    private final SingletonSupplier<List<Choice>> choices;

    Languages(String basename) {
        this.offered = List.copyOf(inBundle(basename));
        this.choices = SingletonSupplier.of(() -> offered.stream()
                .map(locale -> new Choice(locale.toLanguageTag(), nameInItself(locale)))
                .toList());
    }

    /** One language of the picker, named in itself. */
    public record Choice(String tag, String name) {}

    /**
     * The languages of a message bundle: English for the base file, and one per {@code basename_xx.properties} on
     * the class path, in tag order.
     *
     * @param basename such as {@code messages} or {@code userreport/messages}
     */
    public static Set<Locale> inBundle(String basename) {
        Set<Locale> languages = new TreeSet<>((a, b) -> a.toLanguageTag().compareTo(b.toLanguageTag()));
        languages.add(Locale.ENGLISH);
        Pattern fileName = Pattern.compile(Pattern.quote(basename.substring(basename.lastIndexOf('/') + 1))
                + "_([A-Za-z]{2,3}(?:_[A-Za-z0-9]+)*)\\.properties");
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + basename + "_*.properties")) {
                Matcher language = fileName.matcher(String.valueOf(resource.getFilename()));
                if (language.matches()) {
                    languages.add(Locale.forLanguageTag(language.group(1).replace('_', '-')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return languages;
    }

    /** Every offered language, named in itself, in tag order. */
    public List<Choice> choices() {
        return choices.obtain();
    }

    /** The name of the offered language that serves this locale, in itself; English's when none does. */
    public String nameOf(Locale locale) {
        return nameInItself(offering(locale).orElse(Locale.ENGLISH));
    }

    /** {@code rtl} for a language written right to left (Arabic, Persian, Urdu, ...), else {@code ltr}. */
    public String direction(Locale locale) {
        return ULocale.forLocale(locale).isRightToLeft() ? "rtl" : "ltr";
    }

    /** The offered language that serves a locale: itself, or the language without its region ({@code pt-BR}: pt). */
    Optional<Locale> offering(Locale locale) {
        if (locale == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(Locale.lookup(Locale.LanguageRange.parse(locale.toLanguageTag()), offered));
    }

    /** The browser's first language by weight that the UI offers, else English. */
    Locale forBrowser(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), offered);
            return best == null ? Locale.ENGLISH : best;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }

    private static String nameInItself(Locale locale) {
        ULocale language = ULocale.forLocale(locale);
        return LocaleDisplayNames.getInstance(language, DisplayContext.CAPITALIZATION_FOR_UI_LIST_OR_MENU)
                .localeDisplayName(language);
    }
}
