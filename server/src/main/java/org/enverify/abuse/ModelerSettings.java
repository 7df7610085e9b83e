package org.enverify.abuse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The modeler, which sets each realm's daily limit from its trend and watches its claimed share.
 *
 * @param minLimit the lowest daily limit the modeler sets ({@code ENVERIFY_MODELER_MIN_LIMIT})
 * @param maxLimit the highest daily limit the modeler sets ({@code ENVERIFY_MODELER_MAX_LIMIT})
 * @param anomalyAllowedStdevs how many standard deviations under its mean the latest claimed/issued
 *     ratio may fall before the realm is flagged ({@code ENVERIFY_MODELER_ANOMALY_ALLOWED_STDEVS})
 */
@ConfigurationProperties("enverify.modeler")
public record ModelerSettings(
        @DefaultValue("10") int minLimit,
        @DefaultValue("20000") int maxLimit,
        @DefaultValue("2.0") double anomalyAllowedStdevs) {

    public ModelerSettings {
        if (minLimit < 1 || maxLimit < minLimit || maxLimit > 1_000_000) {
            throw new IllegalArgumentException(
                    "ENVERIFY_MODELER_MIN_LIMIT and _MAX_LIMIT must satisfy 1 <= min <= max <= 1000000");
        }
        if (!(anomalyAllowedStdevs > 0)) {
            throw new IllegalArgumentException("ENVERIFY_MODELER_ANOMALY_ALLOWED_STDEVS must be positive");
        }
    }
}
