package org.enverify.abuse;

/** Whether a realm's codes per UTC day are limited, and the modeled limit and the factor that set the quota. */
public record AbuseRealmSettings(
        boolean abusePreventionEnabled, int abusePreventionLimit, double abusePreventionLimitFactor) {

    /** Codes the realm may issue per UTC day when abuse prevention is on: the modeled limit times the factor. */
    public int dailyQuota() {
        return (int) Math.max(1, Math.round(abusePreventionLimit * abusePreventionLimitFactor));
    }
}
