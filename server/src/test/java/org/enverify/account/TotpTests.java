package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTests {

    private static final byte[] RFC_6238_SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238, Appendix B: the SHA-1 rows, 8 digits. */
    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void matchesTheRfc6238TestVectors(long seconds, String expected) {
        assertThat(Totp.code(RFC_6238_SHA1_KEY, Totp.step(Instant.ofEpochSecond(seconds)), 8))
                .isEqualTo(expected);
    }

    @Test
    void sixDigitCodesAreTheLastSixOfTheRfcValues() {
        assertThat(Totp.code(RFC_6238_SHA1_KEY, Totp.step(Instant.ofEpochSecond(59)), Totp.DIGITS))
                .isEqualTo("287082");
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        long step = Totp.step(now);
        for (long drift = -1; drift <= 1; drift++) {
            String code = Totp.code(RFC_6238_SHA1_KEY, step + drift, Totp.DIGITS);
            assertThat(Totp.matchingStep(RFC_6238_SHA1_KEY, code, now)).hasValue(step + drift);
        }
        assertThat(Totp.matchingStep(RFC_6238_SHA1_KEY, Totp.code(RFC_6238_SHA1_KEY, step + 2, 6), now))
                .isEmpty();
        assertThat(Totp.matchingStep(RFC_6238_SHA1_KEY, Totp.code(RFC_6238_SHA1_KEY, step - 2, 6), now))
                .isEmpty();
    }

    @Test
    void refusesWhatIsNotSixDigits() {
        Instant now = Instant.ofEpochSecond(59);
        assertThat(Totp.matchingStep(RFC_6238_SHA1_KEY, "94287082", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_6238_SHA1_KEY, "28708a", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_6238_SHA1_KEY, "", now)).isEmpty();
    }

    @Test
    void encodesBase32AsRfc4648WithoutPadding() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32(RFC_6238_SHA1_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
