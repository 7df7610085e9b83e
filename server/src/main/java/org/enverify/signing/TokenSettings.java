package org.enverify.signing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Verification tokens, which only this server reads back.
 *
 * @param issuer {@code iss} and {@code aud} of tokens ({@code ENVERIFY_TOKEN_ISSUER})
 * @param duration how long a token may be exchanged for a certificate ({@code ENVERIFY_TOKEN_DURATION})
 */
@ConfigurationProperties("enverify.token")
public record TokenSettings(
        @DefaultValue("diagnosis-verification-example") String issuer,
        @DefaultValue("24h") Duration duration) {}
