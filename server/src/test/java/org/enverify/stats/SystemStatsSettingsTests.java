package org.enverify.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A sum of one realm would be that realm's numbers: at least two realms, as upstream insists. */
class SystemStatsSettingsTests {

    @Test
    void fewerThanTwoRealmsIsRefusedAtStart() {
        assertThatThrownBy(() -> new SystemStatsSettings(1, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ENVERIFY_SYSTEM_STATS_MIN_REALMS");
        assertThat(new SystemStatsSettings(2, List.of(7L)).excludeRealms()).containsExactly(7L);
    }
}
