package org.enverify.sms;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How SMS leave this installation.
 *
 * @param provider what sends the SMS of realms without their own Twilio account ({@code ENVERIFY_SMS_PROVIDER}):
 *     {@code log} (the default: logs that an SMS was sent, never its number or text), {@code twilio} (the system
 *     account below, for realms that chose one of its sender numbers) or {@code none} (issuing with a phone fails)
 * @param timeout longest wait for Twilio's whole answer to one attempt ({@code ENVERIFY_SMS_TIMEOUT})
 * @param attempts tries per SMS when Twilio cannot be reached at all; an answer, even an error, is never retried
 *     ({@code ENVERIFY_SMS_ATTEMPTS})
 * @param twilio the system Twilio account as it is until a system administrator stores it on the system SMS page
 */
@ConfigurationProperties("enverify.sms")
record SmsSettings(
        @DefaultValue("log") String provider,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("3") int attempts,
        @DefaultValue Twilio twilio) {

    SmsSettings {
        if (!provider.equals("log") && !provider.equals("twilio") && !provider.equals("none")) {
            throw new IllegalArgumentException("ENVERIFY_SMS_PROVIDER must be log, twilio or none");
        }
        if (attempts < 1 || attempts > 5) {
            throw new IllegalArgumentException("ENVERIFY_SMS_ATTEMPTS must be from 1 to 5");
        }
    }

    /**
     * @param accountSid the system account ({@code ENVERIFY_SMS_TWILIO_ACCOUNT_SID}); this and the next two are the
     *     initial values of the system SMS page, and apply until a system administrator changes it there
     * @param authToken its auth token ({@code ENVERIFY_SMS_TWILIO_AUTH_TOKEN}, or a {@code _FILE} variant)
     * @param fromNumbers the system's sender numbers by label, each a phone number or a messaging service SID
     *     ({@code ENVERIFY_SMS_TWILIO_FROM_NUMBERS_<LABEL>=+15550100}); a realm picks one with {@code sms system}.
     *     Labels are lower case: {@code MAIN} is {@code main}
     * @param apiUrl Twilio's REST API ({@code ENVERIFY_SMS_TWILIO_API_URL}); changed only for tests
     */
    record Twilio(
            @DefaultValue("") String accountSid,
            @DefaultValue("") String authToken,
            @DefaultValue Map<String, String> fromNumbers,
            @DefaultValue("https://api.twilio.com") String apiUrl) {

        Twilio {
            Map<String, String> labelled = new TreeMap<>();
            fromNumbers.forEach((label, number) -> labelled.put(TwilioInput.label(label), number));
            fromNumbers = Map.copyOf(labelled);
        }
    }
}
