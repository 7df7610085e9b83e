package org.enverify.mailoutbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.enverify.platform.Actor;
import org.enverify.support.EnverifyIntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

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
    Clock clock;

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

    private MailDeliveryJob delivery() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.getSmtp().getBindTo());
        sender.setPort(smtp.getSmtp().getPort());
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("mailSender", sender));
        return new MailDeliveryJob(
                jdbc,
                beans.getBeanProvider(JavaMailSender.class),
                "Enverify <no-reply@localhost>",
                smtp.getSmtp().getBindTo(),
                clock);
    }
}
