package org.enverify.audit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail.
 *
 * @param maxAge entries older than this are deleted, oldest first, leaving a checkpoint
 *     ({@code ENVERIFY_AUDIT_MAX_AGE}, at least 7 days)
 * @param redactedNames a changed field whose name contains one of these (ignoring case) is recorded as
 *     {@code [redacted]} ({@code ENVERIFY_AUDIT_REDACTED_NAMES}, comma-separated)
 */
@ConfigurationProperties("enverify.audit")
public record AuditSettings(
        @DefaultValue("720h") Duration maxAge,

        @DefaultValue({"secret", "password", "token", "private", "credential", "api_key", "ciphertext"})
        List<String> redactedNames) {

    public AuditSettings {
        if (maxAge.compareTo(Duration.ofDays(7)) < 0) {
            throw new IllegalArgumentException("ENVERIFY_AUDIT_MAX_AGE must be at least 7 days");
        }
        redactedNames = redactedNames.stream()
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .toList();
    }

    boolean redacts(String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT);
        return redactedNames.stream().anyMatch(name::contains);
    }
}
