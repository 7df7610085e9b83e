package org.enverify.chaff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class ChaffFilterTests {

    @Test
    void theChaffBodyIsWithinTwoBytesOfTheTarget() {
        for (int target = 14; target < 5000; target++) {
            int bodyLength = ("{\"padding\":\""
                            + Base64.getEncoder().encodeToString(new byte[ChaffFilter.paddingBytes(target)]) + "\"}")
                    .length();
            assertThat(Math.abs(bodyLength - target)).as("target %d", target).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aTargetSmallerThanTheEmptyBodyGetsNoPadding() {
        assertThat(ChaffFilter.paddingBytes(0)).isZero();
        assertThat(ChaffFilter.paddingBytes(15)).isZero();
        assertThat(ChaffFilter.paddingBytes(16)).isEqualTo(3);
    }
}
