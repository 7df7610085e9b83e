package org.enverify.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EntryHashTests {

    private static final AuditEntry ENTRY = new AuditEntry(
            3,
            2,
            Instant.parse("2026-11-23T01:02:03.000004Z"),
            "users:5",
            "realm.update",
            "realms:3",
            new TreeMap<>(Map.of(
                    "sms_password", new AuditChange(null, "[redacted]"),
                    "name", new AuditChange("Old \"PHA\"", "Nouvelle é\n\u0001"))));

    /**
     * The expected values come from Python, not from this code: {@code json.dumps(entry, sort_keys=True,
     * separators=(",", ":"), ensure_ascii=False)} and {@code hashlib.sha256}, as docs/operators.md tells
     * operators to recompute a hash.
     */
    @Test
    void theCanonicalFormIsSortedCompactJsonThatPythonReproduces() {
        assertThat(EntryHash.canonical(ENTRY, "ab".repeat(32)))
                .isEqualTo("{\"action\":\"realm.update\",\"actor\":\"users:5\","
                        + "\"created_at\":\"2026-11-23T01:02:03.000004Z\","
                        + "\"diff\":{\"name\":{\"after\":\"Nouvelle é\\n\\u0001\",\"before\":\"Old \\\"PHA\\\"\"},"
                        + "\"sms_password\":{\"after\":\"[redacted]\",\"before\":null}},"
                        + "\"previous_hash\":\"" + "ab".repeat(32)
                        + "\",\"realm_id\":3,\"seq\":2,\"target\":\"realms:3\"}");
        assertThat(EntryHash.of(ENTRY, "ab".repeat(32)))
                .isEqualTo("741f682d8bdb9b90538d18f1681360d3395307f93973b1674b72ce863f273222");
    }

    @Test
    void timesAlwaysCarrySixFractionDigits() {
        AuditEntry whole =
                new AuditEntry(0, 1, Instant.parse("2026-01-01T00:00:00Z"), "system", "a", "t", new TreeMap<>());
        assertThat(EntryHash.canonical(whole, EntryHash.GENESIS))
                .contains("\"created_at\":\"2026-01-01T00:00:00.000000Z\"");
    }

    @Test
    void everyFieldAndThePreviousHashChangeTheHash() {
        String hash = EntryHash.of(ENTRY, EntryHash.GENESIS);
        assertThat(EntryHash.of(ENTRY, "ab".repeat(32))).isNotEqualTo(hash);
        AuditEntry otherActor = new AuditEntry(
                ENTRY.chain(), ENTRY.seq(), ENTRY.createdAt(), "cli", ENTRY.action(), ENTRY.target(), ENTRY.diff());
        assertThat(EntryHash.of(otherActor, EntryHash.GENESIS)).isNotEqualTo(hash);
        AuditEntry otherChain = new AuditEntry(
                4, ENTRY.seq(), ENTRY.createdAt(), ENTRY.actor(), ENTRY.action(), ENTRY.target(), ENTRY.diff());
        assertThat(EntryHash.of(otherChain, EntryHash.GENESIS)).isNotEqualTo(hash);
    }
}
