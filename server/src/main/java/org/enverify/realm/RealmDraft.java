package org.enverify.realm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.enverify.platform.net.AddressRanges;

/** A realm being edited: the settings registry writes its fields, then it becomes a {@link Realm} again. */
final class RealmDraft {

    String name;
    String regionCode;
    boolean disabled;
    boolean maintenanceMode;
    int codeLength;
    Duration codeDuration;
    int longCodeLength;
    Duration longCodeDuration;
    int shortCodeMaxMinutes;
    Set<TestType> allowedTestTypes;
    boolean requireDate;
    int allowedPastDays;
    boolean allowBulkUpload;
    boolean allowGeneratedSms;
    boolean allowAdminUserReport;
    String smsCountry;
    String smsTextTemplate;
    boolean useRealmCertificateKey;
    String certificateIssuer;
    String certificateAudience;
    Duration certificateDuration;
    String slug;
    List<String> allowedCidrsAdminApi;
    List<String> allowedCidrsDeviceApi;
    List<String> allowedCidrsUi;
    boolean abusePreventionEnabled;
    int abusePreventionLimit;
    double abusePreventionLimitFactor;
    boolean autoRotateCertificateKey;
    boolean allowUserReportWebView;
    boolean useAuthenticatedSms;
    boolean smsFailClosed;
    boolean canUseSystemSmsConfig;
    MfaMode mfaMode;
    Duration mfaRequiredGracePeriod;
    List<String> contactEmailAddresses;
    String emailInviteTemplate;
    String emailVerifyTemplate;
    String emailPasswordResetTemplate;
    EmailVerificationMode emailVerification;
    int passwordRotationDays;
    int passwordRotationWarningDays;
    private final Realm original;

    RealmDraft(Realm realm) {
        this.original = realm;
        name = realm.name();
        regionCode = realm.regionCode();
        disabled = realm.disabled();
        maintenanceMode = realm.maintenanceMode();
        codeLength = realm.codeLength();
        codeDuration = realm.codeDuration();
        longCodeLength = realm.longCodeLength();
        longCodeDuration = realm.longCodeDuration();
        shortCodeMaxMinutes = realm.shortCodeMaxMinutes();
        allowedTestTypes = realm.allowedTestTypes();
        requireDate = realm.requireDate();
        allowedPastDays = realm.allowedPastDays();
        allowBulkUpload = realm.allowBulkUpload();
        allowGeneratedSms = realm.allowGeneratedSms();
        allowAdminUserReport = realm.allowAdminUserReport();
        smsCountry = realm.smsCountry();
        smsTextTemplate = realm.smsTextTemplate();
        useRealmCertificateKey = realm.useRealmCertificateKey();
        certificateIssuer = realm.certificateIssuer();
        certificateAudience = realm.certificateAudience();
        certificateDuration = realm.certificateDuration();
        slug = realm.slug();
        allowedCidrsAdminApi = realm.allowedCidrsAdminApi();
        allowedCidrsDeviceApi = realm.allowedCidrsDeviceApi();
        allowedCidrsUi = realm.allowedCidrsUi();
        abusePreventionEnabled = realm.abusePreventionEnabled();
        abusePreventionLimit = realm.abusePreventionLimit();
        abusePreventionLimitFactor = realm.abusePreventionLimitFactor();
        autoRotateCertificateKey = realm.autoRotateCertificateKey();
        allowUserReportWebView = realm.allowUserReportWebView();
        useAuthenticatedSms = realm.useAuthenticatedSms();
        smsFailClosed = realm.smsFailClosed();
        canUseSystemSmsConfig = realm.canUseSystemSmsConfig();
        mfaMode = realm.mfaMode();
        mfaRequiredGracePeriod = realm.mfaRequiredGracePeriod();
        contactEmailAddresses = realm.contactEmailAddresses();
        emailInviteTemplate = realm.emailInviteTemplate();
        emailVerifyTemplate = realm.emailVerifyTemplate();
        emailPasswordResetTemplate = realm.emailPasswordResetTemplate();
        emailVerification = realm.emailVerification();
        passwordRotationDays = realm.passwordRotationDays();
        passwordRotationWarningDays = realm.passwordRotationWarningDays();
    }

    Realm toRealm(Instant updatedAt) {
        return new Realm(
                original.id(),
                name,
                regionCode,
                disabled,
                maintenanceMode,
                codeLength,
                codeDuration,
                longCodeLength,
                longCodeDuration,
                shortCodeMaxMinutes,
                Set.copyOf(allowedTestTypes),
                requireDate,
                allowedPastDays,
                allowBulkUpload,
                allowGeneratedSms,
                allowAdminUserReport,
                smsCountry,
                smsTextTemplate,
                useRealmCertificateKey,
                certificateIssuer,
                certificateAudience,
                certificateDuration,
                slug,
                AddressRanges.of(allowedCidrsAdminApi),
                AddressRanges.of(allowedCidrsDeviceApi),
                AddressRanges.of(allowedCidrsUi),
                abusePreventionEnabled,
                abusePreventionLimit,
                abusePreventionLimitFactor,
                autoRotateCertificateKey,
                allowUserReportWebView,
                useAuthenticatedSms,
                smsFailClosed,
                canUseSystemSmsConfig,
                mfaMode,
                mfaRequiredGracePeriod,
                List.copyOf(contactEmailAddresses),
                emailInviteTemplate,
                emailVerifyTemplate,
                emailPasswordResetTemplate,
                emailVerification,
                passwordRotationDays,
                passwordRotationWarningDays,
                original.createdAt(),
                updatedAt);
    }
}
