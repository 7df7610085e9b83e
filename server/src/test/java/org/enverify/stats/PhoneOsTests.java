package org.enverify.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phone's operating system from its User-Agent, as upstream tells them apart. */
class PhoneOsTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "'MyHealthApp/3 CFNetwork/1240.0.4 Darwin/20.6.0', IOS",
                "'Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X)', IOS",
                "'DARWIN', IOS",
                "'Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ3A)', ANDROID",
                "'okhttp/4.10.0', UNKNOWN",
                "'Java-http-client/21', UNKNOWN",
                "'', UNKNOWN",
                "NULL, UNKNOWN"
            })
    void readsTheUserAgentAsUpstreamDoes(String userAgent, PhoneOs os) {
        assertThat(PhoneOs.fromUserAgent(userAgent)).isEqualTo(os);
    }
}
