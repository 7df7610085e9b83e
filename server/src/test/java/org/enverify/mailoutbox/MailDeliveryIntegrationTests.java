package org.enverify.mailoutbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.UUID;
import org.enverify.platform.Actor;
import org.enverify.support.EnverifyIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Delivering an outbox mail: the recipient gets the whole link, the outbox keeps it masked. */
@EnverifyIntegrationTest
class MailDeliveryIntegrationTests {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Autowired
    Mailer mailer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MailDeliveryJob delivery;

    @Autowired
    SystemSmtpAccount systemSmtp;

    @Test
    @Tag("security")
    void aDeliveredMailKeepsItsLinkOnlyMasked() throws Exception {
        String token = "Zq3xT9vLmN2pR7sK4wYbHc8dJf";
        String recipient = "delivered-" + UUID.randomUUID() + "@example.org";
        long id = mailer.send(
                null,
                recipient,
                "Reset your password",
                "Open https://verify.example.org/login/reset/" + token + " within an hour.");

        delivery().execute(MailDeliveryJob.Delivery.of(id, Optional.empty()));

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(GreenMailUtil.getBody(received[0])).contains(token);
        OutboxMail stored = mailer.find(id).orElseThrow();
        assertThat(stored.sentAt()).isNotNull();
        assertThat(stored.body())
                .doesNotContain(token)
                .isEqualTo("Open https://verify.example.org/login/reset/Zq3x… within an hour.");
        assertThat(mailer.revealUnsent(id, Actor.system())).isEmpty();
    }

    /** The system SMTP account is GreenMail only while a test delivers: other tests keep their mails in the outbox. */
    @AfterEach
    void forgetTheSystemAccount() {
        jdbc.sql("DELETE FROM system_smtp_account").update();
    }

    private MailDeliveryJob delivery() {
        systemSmtp.save(
                new SmtpInput(
                        smtp.getSmtp().getBindTo(),
                        Integer.toString(smtp.getSmtp().getPort()),
                        "",
                        "",
                        "Enverify <no-reply@localhost>",
                        "none"),
                Actor.system());
        return delivery;
    }
}
