package org.enverify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.enverify.account.Users;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A refusal that escapes a page's handler is answered 422 with its localized messages, never as a server
 * error. The refusing pages are a test controller, imported only here (so this class starts its own
 * application).
 */
@EnverifyIntegrationTest
@Import(RefusalPageIntegrationTests.RefusingPages.class)
class RefusalPageIntegrationTests {

    @TestConfiguration(proxyBeanMethods = false)
    @UiController
    static class RefusingPages {

        @GetMapping("/test/refused-with-message")
        String refusedWithMessage() {
            throw Refusal.of(ErrorCode.RATE_LIMITED, "try later").shown("login.throttled", 5);
        }

        @GetMapping("/test/refused-fields")
        String refusedFields() {
            throw Refusal.ofEach(
                    ErrorCode.PHONE_NUMBER_INVALID,
                    List.of(Refusal.of(ErrorCode.PHONE_NUMBER_INVALID, "not a phone")
                            .about("phone")
                            .shown("issue.error.phone_number_invalid")));
        }

        @GetMapping("/test/refused-silently")
        String refusedSilently() {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "no page text");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Test
    void aRefusalIsShownAsItsMessagesOnAnUnprocessablePage() {
        UiClient english = signedIn();

        UiClient.Page withMessage = english.get("/test/refused-with-message");
        assertThat(withMessage.status()).isEqualTo(422);
        assertThat(reasons(withMessage)).containsExactly("Too many sign-in attempts. Try again in 5 minutes.");
        assertThat(heading(withMessage)).isEqualTo("Not accepted");

        UiClient.Page withFields = english.get("/test/refused-fields");
        assertThat(withFields.status()).isEqualTo(422);
        assertThat(reasons(withFields)).containsExactly("This is not a phone number that can receive an SMS.");

        UiClient.Page silent = english.get("/test/refused-silently");
        assertThat(silent.status()).isEqualTo(422);
        assertThat(reasons(silent)).isEmpty();
        assertThat(silent.body()).doesNotContain("no page text");
    }

    @Test
    void theMessagesAreInThePersonsLanguage() {
        UiClient spanish = signedIn().header("Accept-Language", "es");

        UiClient.Page refused = spanish.get("/test/refused-with-message");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(heading(refused)).isEqualTo("No aceptado");
        assertThat(reasons(refused))
                .containsExactly("Demasiados intentos de inicio de sesión. Vuelva a intentarlo en 5 minutos.");
    }

    private UiClient signedIn() {
        UiClient ui = new UiClient(port);
        ui.signIn(TestUsers.systemAdmin(users).email(), TestUsers.PASSWORD);
        return ui;
    }

    private static String heading(UiClient.Page page) {
        return Jsoup.parse(page.body()).selectFirst("main h1").text();
    }

    private static List<String> reasons(UiClient.Page page) {
        Document document = Jsoup.parse(page.body());
        return document.select("main .refusal-reasons li").stream()
                .map(Element::text)
                .toList();
    }
}
