package org.enverify.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts and sessions of the web UI.
 *
 * @param adminEmail the first system administrator's email, created at the first start when no system
 *     administrator exists ({@code ENVERIFY_ADMIN_EMAIL}; {@code admin@localhost} when unset)
 * @param adminPassword that administrator's password ({@code ENVERIFY_ADMIN_PASSWORD}); when unset a
 *     generated one is printed once and must be changed at the first sign-in
 * @param sessionIdleTimeout a session unused this long ends ({@code ENVERIFY_SESSION_IDLE_TIMEOUT})
 * @param sessionLifetime a session ends this long after sign-in however busy ({@code ENVERIFY_SESSION_LIFETIME})
 * @param publicUrl the address of the web UI that mails link to, such as {@code https://verify.example.org}
 *     ({@code ENVERIFY_PUBLIC_URL}); when unset, the address the server listens on, for requests that came by
 *     it only (see {@link PublicUrls})
 * @param invitationLifetime how long an invitation link works ({@code ENVERIFY_INVITATION_LIFETIME})
 * @param passwordResetLifetime how long a password reset link works ({@code ENVERIFY_PASSWORD_RESET_LIFETIME})
 * @param emailVerificationLifetime how long an email verification link works
 *     ({@code ENVERIFY_EMAIL_VERIFICATION_LIFETIME})
 */
@ConfigurationProperties("enverify")
public record AccountSettings(
        @DefaultValue("admin@localhost") String adminEmail,
        String adminPassword,
        @DefaultValue("20m") Duration sessionIdleTimeout,
        @DefaultValue("12h") Duration sessionLifetime,
        String publicUrl,
        @DefaultValue("72h") Duration invitationLifetime,
        @DefaultValue("1h") Duration passwordResetLifetime,
        @DefaultValue("24h") Duration emailVerificationLifetime) {

    Duration linkLifetime(AccountLinks.Purpose purpose) {
        return switch (purpose) {
            case INVITATION -> invitationLifetime;
            case PASSWORD_RESET -> passwordResetLifetime;
            case EMAIL_VERIFICATION -> emailVerificationLifetime;
        };
    }
}
