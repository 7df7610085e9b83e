package org.enverify.sms;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;

/**
 * Twilio's status callbacks for a realm's SMS: a failed or undelivered message counts one error of its code
 * for the realm and the UTC day. Callbacks without Twilio's valid signature change nothing.
 */
@Service
public class TwilioStatusCallbacks {

    private static final Pattern ERROR_CODE = Pattern.compile("\\d{1,10}");

    /** What became of a callback. */
    public enum Outcome {
        /** The realm sends no SMS through a Twilio account, so nothing can have called back for it. */
        NO_SENDER,
        /** The signature is not Twilio's under the realm's account token. */
        FORGED,
        ACCEPTED
    }

    private final SmsSenders senders;
    private final SmsErrorRepository errors;
    private final Clock clock;

    TwilioStatusCallbacks(SmsSenders senders, SmsErrorRepository errors, Clock clock) {
        this.senders = senders;
        this.errors = errors;
        this.clock = clock;
    }

    /**
     * @param calledUrl the URL Twilio signed, query included
     * @param parameters the posted form's parameters, which the signature covers
     */
    public Outcome receive(RealmId realm, String calledUrl, Map<String, List<String>> parameters, String signature) {
        Optional<String> token = senders.sender(realm).map(SmsSenders.Sender::authToken);
        if (token.isEmpty()) {
            return Outcome.NO_SENDER;
        }
        if (!TwilioSignature.matches(token.get(), calledUrl, parameters, signature)) {
            return Outcome.FORGED;
        }
        List<String> code = parameters.getOrDefault("ErrorCode", List.of());
        if (!code.isEmpty() && ERROR_CODE.matcher(code.getFirst()).matches()) {
            errors.count(realm, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), code.getFirst());
        }
        return Outcome.ACCEPTED;
    }
}
