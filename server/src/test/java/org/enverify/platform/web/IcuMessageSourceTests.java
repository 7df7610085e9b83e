package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The product's messages through ICU: plural forms by language, and arguments printed as before. */
class IcuMessageSourceTests {

    private final IcuMessageSource messages = messages();

    @Test
    void aCountChoosesItsWordsByThePluralRulesOfTheLanguage() {
        assertThat(text("stats.totals", "es", 1, 1, 1))
                .isEqualTo("Hoy y los 90 días anteriores: 1 código emitido, 1 usado, 1 intento no válido.");
        assertThat(text("stats.totals", "es", 5, 2, 0))
                .isEqualTo("Hoy y los 90 días anteriores: 5 códigos emitidos, 2 usados, 0 intentos no válidos.");
        assertThat(text("audit.count", "en", 1)).isEqualTo("1 entry");
        assertThat(text("audit.count", "en", 2)).isEqualTo("2 entries");
        assertThat(text("notice.passwordExpires", "fr", 1)).isEqualTo("Votre mot de passe expire dans 1 jour.");
        assertThat(text("notice.passwordExpires", "fr", 3)).isEqualTo("Votre mot de passe expire dans 3 jours.");
    }

    @Test
    void arabicHasItsSixForms() {
        assertThat(text("notice.passwordExpires", "ar", 1)).contains("يوم واحد");
        assertThat(text("notice.passwordExpires", "ar", 2)).contains("يومين");
        assertThat(text("notice.passwordExpires", "ar", 3)).contains("3 أيام");
        assertThat(text("notice.passwordExpires", "ar", 11)).contains("11 يومًا");
        assertThat(text("notice.passwordExpires", "ar", 100)).contains("100 يوم");
    }

    @Test
    void datesAndInstantsArePrintedAsTheirIsoTextAndApostrophesAsOne() {
        assertThat(text("mfa.passkey.used", "en", LocalDate.of(2026, 12, 6), Instant.parse("2026-12-06T10:15:30Z")))
                .isEqualTo("Added 2026-12-06, last used 2026-12-06T10:15:30Z (UTC)");
        assertThat(text("setting.error.emailAddress", "en", "x")).isEqualTo("'x' is not an email address");
        assertThat(text("settings.quota", "en")).isEqualTo("Today's quota");
        assertThat(text("setting.error.emailAddress", "fr", "x")).isEqualTo("« x » n’est pas une adresse e-mail");
    }

    @Test
    void aLanguageWithoutAFileGetsEnglish() {
        assertThat(text("nav.signOut", "sv")).isEqualTo("Sign out");
        assertThat(text("nav.signOut", "de")).isEqualTo("Abmelden");
    }

    private String text(String key, String language, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.forLanguageTag(language));
    }

    private static IcuMessageSource messages() {
        IcuMessageSource messages = new IcuMessageSource();
        messages.setBasenames("messages", "userreport/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
