package org.enverify.account;

/**
 * An authenticator app being set up: the secret as the app takes it typed in, and the
 * {@code otpauth://} URI its QR code carries. Shown to the account's owner only, never logged.
 */
public record TotpEnrolment(String secret, String uri) {

    @Override
    public String toString() {
        return "TotpEnrolment[redacted]";
    }
}
