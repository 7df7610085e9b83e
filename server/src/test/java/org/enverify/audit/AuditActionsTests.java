package org.enverify.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The actions a reader may filter by are exactly those the audit page has names for. */
class AuditActionsTests {

    private static final String PREFIX = "audit.action.";

    @Test
    void everyActionHasItsNameForPeopleAndEveryNamedActionIsKnown() throws IOException {
        Properties messages = new Properties();
        try (Reader reader = new InputStreamReader(
                AuditActionsTests.class.getResourceAsStream("/messages.properties"), StandardCharsets.UTF_8)) {
            messages.load(reader);
        }
        var named = messages.stringPropertyNames().stream()
                .filter(key -> key.startsWith(PREFIX))
                .map(key -> key.substring(PREFIX.length()))
                .sorted()
                .toList();

        assertThat(AuditActions.all()).isEqualTo(named);
        assertThat(AuditActions.isKnown("apikey.update")).isTrue();
        assertThat(AuditActions.isKnown("apikey.explode")).isFalse();
        assertThat(AuditActions.isKnown(null)).isFalse();
    }
}
