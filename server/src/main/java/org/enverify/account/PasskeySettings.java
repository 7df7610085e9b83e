package org.enverify.account;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Passkeys (WebAuthn) of the web UI. A passkey works only at the relying party id it was made for, so set
 * these before people register passkeys.
 *
 * @param rpId the relying party id: the web UI's host name or a parent of it, such as {@code verify.example.org}
 *     ({@code ENVERIFY_WEBAUTHN_RP_ID}); when unset, the host of {@code ENVERIFY_PUBLIC_URL}, else {@code localhost}
 * @param allowedOrigins the origins browsers may use passkeys from, comma-separated, such as
 *     {@code https://verify.example.org} ({@code ENVERIFY_WEBAUTHN_ALLOWED_ORIGINS}); when unset, the origin of
 *     {@code ENVERIFY_PUBLIC_URL}, else {@code http://localhost:<port>} on the port the server listens on
 */
@ConfigurationProperties("enverify.webauthn")
record PasskeySettings(String rpId, @DefaultValue List<String> allowedOrigins) {}
