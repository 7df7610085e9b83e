package org.enverify.support;

import java.util.Locale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.enverify.realm.SettingValueRefused;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The English text of a refused setting value, as the CLI shows it, from {@code messages.properties}. */
public final class SettingMessages {

    private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

    static {
        MESSAGES.setBasename("messages");
        MESSAGES.setDefaultEncoding("UTF-8");
        MESSAGES.setFallbackToSystemLocale(false);
    }

    private SettingMessages() {}

    /** The English message of the refusal {@code parse} throws; fails when it throws none. */
    public static String refusedInEnglish(ThrowingCallable parse) {
        try {
            parse.call();
        } catch (SettingValueRefused refused) {
            return MESSAGES.getMessage(refused.messageKey(), refused.arguments().toArray(), Locale.ROOT);
        } catch (Throwable other) {
            throw new AssertionError("expected a refused setting value", other);
        }
        throw new AssertionError("the value was not refused");
    }
}
