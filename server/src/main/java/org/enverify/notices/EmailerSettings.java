package org.enverify.notices;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the emailer tells a realm's contacts about.
 *
 * @param smsErrorThreshold SMS errors in one UTC day, the ignored codes left out, from which the contacts get a
 *     mail ({@code ENVERIFY_EMAILER_SMS_ERROR_THRESHOLD})
 * @param smsIgnoredErrorCodes Twilio error codes that say nothing about the realm, such as unreachable or
 *     landline numbers ({@code ENVERIFY_EMAILER_SMS_IGNORED_ERROR_CODES}, comma-separated)
 */
@ConfigurationProperties("enverify.emailer")
record EmailerSettings(
        @DefaultValue("50") int smsErrorThreshold,
        @DefaultValue({"30003", "30004", "30005", "30006"}) Set<String> smsIgnoredErrorCodes) {

    EmailerSettings {
        if (smsErrorThreshold < 1) {
            throw new IllegalArgumentException("ENVERIFY_EMAILER_SMS_ERROR_THRESHOLD must be at least 1");
        }
        smsIgnoredErrorCodes = Set.copyOf(smsIgnoredErrorCodes);
    }
}
