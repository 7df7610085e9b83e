package org.enverify.sms;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's Messages API: one form POST per SMS with basic auth. Only a call that got no answer is
 * tried again; any answer, an error included, is final, so an SMS Twilio accepted is never sent twice
 * because of its answer.
 */
final class TwilioSmsProvider implements SmsProvider {

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsProvider.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboundHttp http;
    private final URI messages;
    private final String authorization;
    private final int attempts;

    TwilioSmsProvider(OutboundHttp http, String apiUrl, String accountSid, String authToken, int attempts) {
        this.http = http;
        this.messages = URI.create(apiUrl.replaceAll("/+$", "") + "/2010-04-01/Accounts/"
                + URLEncoder.encode(accountSid, StandardCharsets.UTF_8) + "/Messages.json");
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.attempts = attempts;
    }

    @Override
    public void send(String to, String from, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        // a messaging service picks the sender itself from its pool
        form.put(from.startsWith("MG") ? "MessagingServiceSid" : "From", from);
        form.put("Body", body);
        byte[] encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of(
                "Authorization", authorization,
                "Content-Type", "application/x-www-form-urlencoded",
                "Accept", "application/json");
        OutboundHttp.Response response = null;
        for (int attempt = 1; response == null; attempt++) {
            try {
                response = http.post(messages, headers, encoded);
            } catch (OutboundHttpException e) {
                if (attempt >= attempts) {
                    throw new SmsRefusedException(
                            "Twilio did not answer after " + attempts + " attempts: " + e.getMessage(), null);
                }
                log.warn("Twilio did not answer attempt {} of {}, trying again: {}", attempt, attempts, e.getMessage());
            }
        }
        if (response.ok() && accepted(response.body())) {
            return;
        }
        if (response.ok()) {
            throw new SmsRefusedException(
                    "Twilio answered status " + response.status() + " without a message id; the SMS may not be sent",
                    null);
        }
        String code = errorCode(response.body());
        throw new SmsRefusedException(
                "Twilio refused the SMS with status " + response.status()
                        + (code == null ? " and an answer that is not Twilio's JSON error" : " and error " + code),
                code);
    }

    /** Twilio accepted the message when it answers with the message's id. */
    private static boolean accepted(byte[] body) {
        try {
            return JSON.readTree(body).path("sid").isString();
        } catch (JacksonException e) {
            return false;
        }
    }

    /** Twilio's numeric error code; its message is left out, since it may quote the phone number. */
    private static String errorCode(byte[] body) {
        try {
            JsonNode code = JSON.readTree(body).path("code");
            return code.isNumber() ? Long.toString(code.asLong()) : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
