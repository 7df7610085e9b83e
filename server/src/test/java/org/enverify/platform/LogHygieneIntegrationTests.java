package org.enverify.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.mailoutbox.Mailer;
import org.enverify.realm.Permission;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every log line written while the secrets of the protocol and of accounts pass through the server, with
 * Enverify's own loggers at DEBUG: none of them carries an API key, a code, a token, a certificate, a
 * phone number, a password or a reset link's token.
 */
@Tag("security")
@EnverifyIntegrationTest
class LogHygieneIntegrationTests {

    private static final Pattern RESET_TOKEN = Pattern.compile("/login/reset/([A-Za-z0-9_-]+)");
    private static final String PHONE_AS_TYPED = "(206) 555-0123";
    private static final String PHONE_E164 = "+12065550123";
    private static final String EKEYHMAC = "2u1nHt5WWurJytFLF3xitNzM99oNrad2y4YGOL53AeY=";

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    Mailer mailer;

    @Autowired
    MutableClock clock;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger enverify = (Logger) LoggerFactory.getLogger("org.enverify");
    private Level enverifyLevel;

    @BeforeEach
    void captureEveryLogLine() {
        enverifyLevel = enverify.getLevel();
        enverify.setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void restoreLogging() {
        root.detachAppender(captured);
        captured.stop();
        enverify.setLevel(enverifyLevel);
    }

    @Test
    void theProtocolsSecretsNeverReachALogLine(TestRealm realm, ApiClient api) {
        String symptomDate = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .minusDays(1)
                .toString();

        JsonNode issued = api.post(
                        "/api/issue",
                        realm.adminKey(),
                        Map.of("testType", "confirmed", "symptomDate", symptomDate, "phone", PHONE_AS_TYPED))
                .json();
        String code = issued.path("code").asString();
        assertThat(code).matches("\\d{8}");

        String token = api.post("/api/verify", realm.deviceKey(), Map.of("code", code))
                .json()
                .path("token")
                .asString();
        assertThat(token).isNotBlank();
        String certificate = api.post(
                        "/api/certificate", realm.deviceKey(), Map.of("token", token, "ekeyhmac", EKEYHMAC))
                .json()
                .path("certificate")
                .asString();
        assertThat(certificate).isNotBlank();

        assertThat(api.post("/api/verify", realm.deviceKey(), Map.of("code", code))
                        .status())
                .as("a code used twice is refused")
                .isEqualTo(400);
        assertThat(api.post("/api/certificate", realm.deviceKey(), Map.of("token", token, "ekeyhmac", EKEYHMAC))
                        .status())
                .as("a token used twice is refused")
                .isEqualTo(400);
        String forgedKey = realm.deviceKey().substring(0, realm.deviceKey().length() - 4) + "AAAA";
        assertThat(api.post("/api/verify", forgedKey, Map.of("code", code)).status())
                .isEqualTo(401);

        assertNoLineContains(
                realm.adminKey(),
                realm.deviceKey(),
                realm.statsKey(),
                forgedKey,
                code,
                token,
                certificate,
                PHONE_E164,
                PHONE_AS_TYPED,
                "2065550123");
    }

    @Test
    void passwordsAndResetLinksNeverReachALogLine(TestRealm realm, UiClient anonymous, UiClient signedIn) {
        User member = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
        anonymous.get("/login");
        assertThat(anonymous
                        .post("/login", Map.of("email", member.email(), "password", "a wrong guess, logged?"))
                        .status())
                .isLessThan(500);

        anonymous.get("/login/forgot-password");
        anonymous.post("/login/forgot-password", Map.of("email", member.email()));
        String resetToken = mailer.outbox(200, 0).stream()
                .filter(mail -> mail.recipient().equals(member.email()))
                .map(mail -> RESET_TOKEN.matcher(mail.body()))
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no reset mail to the member"));

        signedIn.signIn(member.email(), TestUsers.PASSWORD);

        assertNoLineContains(TestUsers.PASSWORD, "a wrong guess, logged?", resetToken);
    }

    private void assertNoLineContains(String... secrets) {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(captured.list)) {
            lines.add(rendered(event));
        }
        assertThat(lines).as("log lines were written").isNotEmpty();
        for (String secret : secrets) {
            assertThat(secret).as("a secret to look for").isNotBlank();
            assertThat(lines.stream().filter(line -> line.contains(secret)))
                    .as("log lines carrying the secret %s", secret)
                    .isEmpty();
        }
    }

    private static String rendered(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getFormattedMessage());
        line.append(' ').append(event.getMDCPropertyMap());
        if (event.getKeyValuePairs() != null) {
            line.append(' ').append(event.getKeyValuePairs());
        }
        for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            line.append(' ').append(thrown.getClassName()).append(": ").append(thrown.getMessage());
        }
        return line.toString();
    }
}
