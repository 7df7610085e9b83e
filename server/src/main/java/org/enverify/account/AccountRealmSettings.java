package org.enverify.account;

import java.time.Duration;

/** How a realm secures its members' accounts: second factors, verified email addresses, password rotation. */
public record AccountRealmSettings(
        MfaMode mfaMode,
        Duration mfaRequiredGracePeriod,
        EmailVerificationMode emailVerification,
        int passwordRotationDays,
        int passwordRotationWarningDays) {}
