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
 * The whole application on a random port with every role, on its own embedded PostgreSQL in a fresh
 * data directory under {@code target/}, and a clock tests can move. Classes with this annotation
 * and no other configuration share one application context. Its rate limits are out of reach,
 * since every test talks from the same address; a class that tests limits sets its own with
 * {@code @TestPropertySource}, which takes precedence.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
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
            "enverify.rate-limit.ui=1000000/1m",
            "enverify.rate-limit.ui-anonymous=1000000/1m",
            "enverify.rate-limit.sign-in-address=1000000/1m",
            // third parties are WireMock on localhost; OutboundAddressIntegrationTests checks the strict rule
            "enverify.webhooks.allow-private=true"
        })
@Import(TestClockConfiguration.class)
@ExtendWith(EnverifyExtension.class)
public @interface EnverifyIntegrationTest {}
