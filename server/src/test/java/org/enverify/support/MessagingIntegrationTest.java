package org.enverify.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * {@link EnverifyIntegrationTest} with every third party the messaging features call played by one
 * WireMock server ({@link ThirdParties}): Twilio, webhook receivers. Webhooks may call it over plain
 * HTTP on the loopback address. Classes with this annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ThirdParties.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "enverify.data-dir=target/test-var/${random.uuid}",
            // a test database is thrown away: no flush to disk per commit, and the binaries unpacked once
            "enverify.database.embedded-durable=false",
            "enverify.database.embedded-binaries=target/postgres-binaries",
            "enverify.cache-ttl=1s",
            "enverify.rate-limit.device-api=1000000/1m",
            "enverify.rate-limit.admin-api=1000000/1m",
            "enverify.rate-limit.jwks=1000000/1m",
            "enverify.rate-limit.redirect=1000000/1m",
            "enverify.sms.twilio.api-url=http://localhost:${test.third-parties.port}",
            "enverify.sms.twilio.account-sid=ACsystem",
            "enverify.sms.twilio.auth-token=system-token",
            "enverify.sms.twilio.from-numbers.main=+15550001111",
            "enverify.sms.timeout=2s",
            "enverify.webhooks.allow-private=true",
            "enverify.webhooks.timeout=2s",
            "enverify.webhooks.first-retry-delay=1s",
            "enverify.jobs.events.enabled=false",
            "enverify.jobs.event-stream.enabled=false",
            "enverify.rabbitmq.url=amqp://guest:guest@127.0.0.1:5672",
            "enverify.redirect-domain=en.example.org"
        })
@Import(TestClockConfiguration.class)
@ExtendWith(EnverifyExtension.class)
public @interface MessagingIntegrationTest {}
