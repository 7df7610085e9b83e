package org.enverify.platform.web;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The messages of every page and mail, formatted with ICU's {@link MessageFormat}, so a text chooses its words by
 * the plural rules of its language ({@code {0, plural, one {# code} other {# codes}}}). Every text goes through it,
 * with or without arguments, so an apostrophe is written the same way everywhere: {@code '} alone, or {@code ''}.
 */
final class IcuMessageSource extends ResourceBundleMessageSource {

    private static final Object[] NO_ARGUMENTS = {};

    @Override
    protected String getMessageInternal(String code, Object[] args, Locale locale) {
        if (code == null) {
            return null;
        }
        Locale language = locale == null ? Locale.getDefault() : locale;
        String pattern = resolveCodeWithoutArguments(code, language);
        return pattern == null ? null : formatMessage(pattern, resolveArguments(args, language), language);
    }

    @Override
    protected String formatMessage(String pattern, Object[] args, Locale locale) {
        if (pattern.indexOf('{') < 0 && pattern.indexOf('\'') < 0) {
            return pattern;
        }
        return new MessageFormat(pattern, ULocale.forLocale(locale)).format(asJavaFormatsThem(args));
    }

    /**
     * ICU formats {@code java.time} values as dates in the locale's style, and refuses an {@code Instant}; texts were
     * written for the JDK's formatter, which prints them as ISO text, so they are handed over as that text.
     */
    private static Object[] asJavaFormatsThem(Object[] args) {
        if (args == null) {
            return NO_ARGUMENTS;
        }
        Object[] converted = args.clone();
        for (int i = 0; i < converted.length; i++) {
            if (converted[i] instanceof TemporalAccessor time) {
                converted[i] = time.toString();
            }
        }
        return converted;
    }
}
