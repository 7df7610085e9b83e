package org.enverify.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port with every role, on its own embedded PostgreSQL in a fresh
 * data directory under {@code target/}, and a clock tests can move. Classes with this annotation
 * and no other configuration share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"enverify.data-dir=target/test-var/${random.uuid}", "enverify.cache-ttl=1s"})
@Import(TestClockConfiguration.class)
public @interface EnverifyIntegrationTest {}
