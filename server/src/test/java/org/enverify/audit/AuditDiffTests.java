package org.enverify.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AuditDiffTests {

    private static final AuditSettings SETTINGS =
            new AuditSettings(Duration.ofDays(30), List.of("secret", "password", " Token ", ""));

    @Test
    void onlyChangedFieldsAppearAsText() {
        Map<String, Object> before = new HashMap<>();
        before.put("name", "Old");
        before.put("code_length", 8);
        before.put("slug", null);
        before.put("gone", "x");
        Map<String, Object> after = Map.of("name", "New", "code_length", 8, "slug", "wa", "types", Set.of("b", "a"));

        assertThat(AuditDiff.between(before, after, SETTINGS))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        "gone", new AuditChange("x", null),
                        "name", new AuditChange("Old", "New"),
                        "slug", new AuditChange(null, "wa"),
                        "types", new AuditChange(null, "a,b"))));
    }

    @Test
    void fieldsNamedLikeSecretsAreRedactedButTheirChangeIsShown() {
        var diff = AuditDiff.between(
                Map.of("smtp_password", "hunter2hunter2", "webhook_SECRET", "s1", "auth_token", "t"),
                Map.of("smtp_password", "correct horse", "webhook_SECRET", "s1", "auth_token", "t2"),
                SETTINGS);
        assertThat(diff)
                .containsOnlyKeys("smtp_password", "auth_token")
                .containsEntry("smtp_password", new AuditChange("[redacted]", "[redacted]"));
        assertThat(AuditDiff.between(Map.of(), Map.of("smtp_password", "p"), SETTINGS))
                .containsEntry("smtp_password", new AuditChange(null, "[redacted]"));
    }

    @Test
    void aNullCharacterBecomesAReplacementCharacter() {
        assertThat(AuditDiff.between(Map.of(), Map.of("name", "a\u0000b"), SETTINGS))
                .containsEntry("name", new AuditChange(null, "a\uFFFDb"));
    }

    @Test
    void retentionKeepsAtLeastAWeekAndEmptyNamesRedactNothing() {
        assertThatThrownBy(() -> new AuditSettings(Duration.ofDays(6), List.of()))
                .hasMessageContaining("ENVERIFY_AUDIT_MAX_AGE");
        assertThat(SETTINGS.redactedNames()).containsExactly("secret", "password", "token");
        assertThat(SETTINGS.redacts("name")).isFalse();
    }
}
