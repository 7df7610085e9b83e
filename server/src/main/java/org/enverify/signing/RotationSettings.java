package org.enverify.signing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Key rotation ({@code ENVERIFY_ROTATION_*}), upstream's defaults. A new key is always announced
 * before it is used: HMAC versions become the write key after {@code hmacActivationDelay}, realm
 * certificate keys sign after {@code certificateActivationDelay} so key servers can import them first.
 *
 * @param tokenKeyMaxAge a token signing key older than this is replaced; the old one still verifies
 * @param certificateKeyMaxAge a realm certificate key (automatic rotation) older than this is replaced
 * @param certificateActivationDelay how long a new realm certificate key is published before it signs
 * @param hmacActivationDelay how long a new HMAC key version is known before values are written with it
 * @param codeHmacMinAge / codeHmacMaxAge a new code HMAC version after the minimum age; lookups stop
 *     trying a version after the maximum (codes expire long before)
 * @param phoneHmacMinAge / phoneHmacMaxAge the same for phone numbers
 * @param apiKeyHmacMinAge a new version of the API key HMACs after this; versions are never retired,
 *     because an API key lives until it is disabled
 */
@ConfigurationProperties("enverify.rotation")
public record RotationSettings(
        @DefaultValue("720h") Duration tokenKeyMaxAge,
        @DefaultValue("720h") Duration certificateKeyMaxAge,
        @DefaultValue("1h") Duration certificateActivationDelay,
        @DefaultValue("30m") Duration hmacActivationDelay,
        @DefaultValue("24h") Duration codeHmacMinAge,
        @DefaultValue("72h") Duration codeHmacMaxAge,
        @DefaultValue("720h") Duration phoneHmacMinAge,
        @DefaultValue("2928h") Duration phoneHmacMaxAge,
        @DefaultValue("4320h") Duration apiKeyHmacMinAge) {

    Duration minAge(HmacPurpose purpose) {
        return switch (purpose) {
            case CODE -> codeHmacMinAge;
            case PHONE -> phoneHmacMinAge;
            case API_KEY, API_KEY_SIGNATURE -> apiKeyHmacMinAge;
        };
    }

    /** Null: never retired. */
    Duration maxAge(HmacPurpose purpose) {
        return switch (purpose) {
            case CODE -> codeHmacMaxAge;
            case PHONE -> phoneHmacMaxAge;
            case API_KEY, API_KEY_SIGNATURE -> null;
        };
    }
}
