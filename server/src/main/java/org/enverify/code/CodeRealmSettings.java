package org.enverify.code;

import java.time.Duration;
import java.util.Set;
import org.enverify.realm.TestType;

/** A realm's settings of issuing codes: their shape and lifetime, the test types and dates issuing accepts. */
public record CodeRealmSettings(
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
        boolean allowAdminUserReport) {

    public CodeRealmSettings {
        allowedTestTypes = Set.copyOf(allowedTestTypes);
    }

    public boolean allows(TestType type) {
        return allowedTestTypes.contains(type);
    }
}
