package org.enverify.realm;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

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
        Instant createdAt,
        Instant updatedAt) {

    public boolean allows(TestType type) {
        return allowedTestTypes.contains(type);
    }
}
