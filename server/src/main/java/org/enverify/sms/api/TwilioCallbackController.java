package org.enverify.sms.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.realm.RealmId;
import org.enverify.sms.TwilioStatusCallbacks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callback for a realm's SMS (see {@link TwilioStatusCallbacks}): not found for a realm
 * without a Twilio sender, forbidden without Twilio's valid signature.
 */
@RestController
class TwilioCallbackController {

    private final TwilioStatusCallbacks callbacks;
    private final String publicBaseUrl;

    TwilioCallbackController(
            TwilioStatusCallbacks callbacks, @Value("${enverify.sms.callback-base-url:}") String publicBaseUrl) {
        this.callbacks = callbacks;
        this.publicBaseUrl = publicBaseUrl;
    }

    @PostMapping("/webhooks/{realmId}/twilio")
    ResponseEntity<Void> statusCallback(@PathVariable String realmId, HttpServletRequest request) {
        Optional<RealmId> realm = parseRealm(realmId);
        if (realm.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, Arrays.asList(values)));
        return switch (callbacks.receive(
                realm.get(), calledUrl(request), params, request.getHeader("X-Twilio-Signature"))) {
            case NO_SENDER -> ResponseEntity.notFound().build();
            case FORGED -> ResponseEntity.status(403).build();
            case ACCEPTED -> ResponseEntity.noContent().build();
        };
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
