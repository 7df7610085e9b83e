package org.enverify.signing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Certificates signed with the system key, for realms that do not use their own.
 *
 * @param issuer {@code iss} ({@code ENVERIFY_CERTIFICATE_ISSUER})
 * @param audience {@code aud} ({@code ENVERIFY_CERTIFICATE_AUDIENCE})
 * @param duration validity ({@code ENVERIFY_CERTIFICATE_DURATION})
 * @param keyId {@code kid} of the system key ({@code ENVERIFY_CERTIFICATE_KEY_ID}); a new value creates and activates a new key
 * @param clockSkew how far {@code iat} and {@code nbf} are set back, for key servers whose clocks run behind
 */
@ConfigurationProperties("enverify.certificate")
public record CertificateSettings(
        @DefaultValue("diagnosis-verification-example") String issuer,
        @DefaultValue("exposure-notifications-server") String audience,
        @DefaultValue("15m") Duration duration,
        @DefaultValue("v1") String keyId,
        @DefaultValue("5s") Duration clockSkew) {}
