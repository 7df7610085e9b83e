package org.enverify.realm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.enverify.platform.net.AddressRanges;

/** A realm and every setting the protocol reads; changed only through {@link Realms#update}. */
public record Realm(
        RealmId id,
        String name,
        String regionCode,
        boolean disabled,
        boolean maintenanceMode,
        int codeLength,
        Duration codeDuration,
        int longCodeLength,
        Duration longCodeDuration,
        int shortCodeMaxMinutes,
        Set<TestType> allowedTestTypes,
        boolean requireDate,
        int allowedPastDays,
        boolean allowBulkUpload,
        boolean allowGeneratedSms,
        boolean allowAdminUserReport,
        String smsCountry,
        String smsTextTemplate,
        boolean useRealmCertificateKey,
        String certificateIssuer,
        String certificateAudience,
        Duration certificateDuration,
        String slug,
        AddressRanges adminApiNetworks,
        AddressRanges deviceApiNetworks,
        AddressRanges uiNetworks,
        boolean abusePreventionEnabled,
        int abusePreventionLimit,
        double abusePreventionLimitFactor,
        boolean autoRotateCertificateKey,
        boolean allowUserReportWebView,
        boolean useAuthenticatedSms,
        boolean smsFailClosed,
        boolean canUseSystemSmsConfig,
        MfaMode mfaMode,
        Duration mfaRequiredGracePeriod,
        List<String> contactEmailAddresses,
        String emailInviteTemplate,
        String emailVerifyTemplate,
        String emailPasswordResetTemplate,
        EmailVerificationMode emailVerification,
        int passwordRotationDays,
        int passwordRotationWarningDays,
        Instant createdAt,
        Instant updatedAt) {

    /** {@code allowed_cidrs_admin_api}: the ranges the admin API may be called from; none allows all. */
    public List<String> allowedCidrsAdminApi() {
        return adminApiNetworks.texts();
    }

    /** {@code allowed_cidrs_device_api}: the ranges the device API may be called from; none allows all. */
    public List<String> allowedCidrsDeviceApi() {
        return deviceApiNetworks.texts();
    }

    /** {@code allowed_cidrs_ui}: the ranges the realm's web UI may be used from; none allows all. */
    public List<String> allowedCidrsUi() {
        return uiNetworks.texts();
    }

    public boolean allows(TestType type) {
        return allowedTestTypes.contains(type);
    }

    /** Codes the realm may issue per UTC day when abuse prevention is on: the modeled limit times the factor. */
    public int dailyQuota() {
        return (int) Math.max(1, Math.round(abusePreventionLimit * abusePreventionLimitFactor));
    }
}
