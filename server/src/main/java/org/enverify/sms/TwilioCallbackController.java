package org.enverify.sms;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.enverify.realm.RealmId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callback for a realm's SMS: a failed or undelivered message counts one error of
 * its code for the realm and the UTC day. Requests without Twilio's valid signature are refused.
 */
@RestController
class TwilioCallbackController {

    private static final Pattern ERROR_CODE = Pattern.compile("\\d{1,10}");

    private final SmsSenders senders;
    private final SmsErrorRepository errors;
    private final Clock clock;
    private final String publicBaseUrl;

    TwilioCallbackController(
            SmsSenders senders,
            SmsErrorRepository errors,
            Clock clock,
            @Value("${enverify.sms.callback-base-url:}") String publicBaseUrl) {
        this.senders = senders;
        this.errors = errors;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
    }

    @PostMapping("/webhooks/{realmId}/twilio")
    ResponseEntity<Void> statusCallback(@PathVariable String realmId, HttpServletRequest request) {
        Optional<RealmId> realm = parseRealm(realmId);
        Optional<String> token = realm.flatMap(senders::sender).map(SmsSenders.Sender::authToken);
        if (token.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, Arrays.asList(values)));
        if (!TwilioSignature.matches(
                token.get(), calledUrl(request), params, request.getHeader("X-Twilio-Signature"))) {
            return ResponseEntity.status(403).build();
        }
        String code = request.getParameter("ErrorCode");
        if (code != null && ERROR_CODE.matcher(code).matches()) {
            errors.count(realm.get(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), code);
        }
        return ResponseEntity.noContent().build();
    }

    /** The URL Twilio signed: the configured public base (behind a proxy) or the one this server saw. */
    private String calledUrl(HttpServletRequest request) {
        String path =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (!publicBaseUrl.isBlank()) {
            return publicBaseUrl.replaceAll("/+$", "") + path;
        }
        String url = request.getRequestURL().toString();
        return request.getQueryString() == null ? url : url + "?" + request.getQueryString();
    }

    private static Optional<RealmId> parseRealm(String text) {
        try {
            return Optional.of(new RealmId(Long.parseLong(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
