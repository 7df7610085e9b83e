package org.enverify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTests {

    /** The example of Twilio's request validation documentation. */
    @Test
    void matchesTwilioDocumentedExample() {
        Map<String, List<String>> params = Map.of(
                "CallSid", List.of("CA1234567890ABCDE"),
                "Caller", List.of("+14158675310"),
                "Digits", List.of("1234"),
                "From", List.of("+14158675310"),
                "To", List.of("+18005551212"));
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";

        assertThat(TwilioSignature.compute("12345", url, params)).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
        assertThat(TwilioSignature.matches("12345", url, params, "GvWf1cFY/Q7PnoempGyD5oXAezc="))
                .isTrue();
        assertThat(TwilioSignature.matches("12346", url, params, "GvWf1cFY/Q7PnoempGyD5oXAezc="))
                .isFalse();
        assertThat(TwilioSignature.matches("12345", url + "&x=1", params, "GvWf1cFY/Q7PnoempGyD5oXAezc="))
                .isFalse();
        assertThat(TwilioSignature.matches("12345", url, params, null)).isFalse();
    }
}
