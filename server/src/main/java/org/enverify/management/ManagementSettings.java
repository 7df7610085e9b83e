package org.enverify.management;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's identity provider, whose tokens with the scope {@code enverify:system} manage the whole
 * installation through the management API; off while the issuer is unset.
 *
 * @param issuerUri the tokens' {@code iss}, whose {@code /.well-known/openid-configuration} names its keys
 *     ({@code ENVERIFY_OAUTH_ISSUER_URI})
 * @param audience a value the tokens' {@code aud} must contain ({@code ENVERIFY_OAUTH_AUDIENCE})
 */
@ConfigurationProperties("enverify.oauth")
public record ManagementSettings(String issuerUri, String audience) {

    public boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank() && audience != null && !audience.isBlank();
    }
}
