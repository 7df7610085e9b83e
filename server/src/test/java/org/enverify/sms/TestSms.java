package org.enverify.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.enverify.platform.Actor;
import org.enverify.realm.RealmId;
import org.enverify.support.ApiClient;
import org.enverify.support.ThirdParties;
import org.springframework.context.ApplicationContext;

/** Twilio as WireMock plays it, and a realm's own account pointed at it, for tests of other features. */
public final class TestSms {

    private TestSms() {}

    public static String messagesPath(String accountSid) {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
    }

    /** The realm sends through its own account {@code accountSid}, which Twilio accepts. */
    public static void useAcceptingTwilio(ApplicationContext context, RealmId realm, String accountSid) {
        context.getBean(SmsSenders.class)
                .useOwnTwilio(realm, accountSid, "token-" + accountSid, "+15550002222", null, Actor.cli());
        accepting(accountSid);
    }

    /** Twilio accepts every SMS of the account {@code accountSid}. */
    public static void accepting(String accountSid) {
        ThirdParties.server()
                .stubFor(post(urlEqualTo(messagesPath(accountSid)))
                        .willReturn(aResponse()
                                .withStatus(201)
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"sid\":\"SM" + "0".repeat(32) + "\",\"status\":\"queued\"}")));
    }

    /**
     * Twilio tells the realm, whose own account {@code accountSid} {@link #useAcceptingTwilio} set up,
     * that an SMS failed with the provider's {@code errorCode}: a signed status callback.
     */
    public static void reportDeliveryError(
            ApiClient api, int port, RealmId realm, String accountSid, String errorCode) {
        String path = "/webhooks/" + realm + "/twilio";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM" + "1".repeat(32));
        form.put("MessageStatus", "undelivered");
        form.put("ErrorCode", errorCode);
        String signature = TwilioSignature.compute(
                "token-" + accountSid,
                "http://localhost:" + port + path,
                form.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        ApiClient.Response response = api.postWithHeaders(
                path,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Twilio-Signature", signature),
                body);
        if (response.status() != 204) {
            throw new IllegalStateException("the status callback was refused: " + response.status());
        }
    }

    /** The realm's user-report web view posts its SMS to {@code url}, signed with {@code secret}. */
    public static void useReportWebhook(ApplicationContext context, RealmId realm, String url, String secret) {
        context.getBean(SmsSenders.class).setReportWebhook(realm, URI.create(url), secret, Actor.cli());
    }

    /** The form parameters of every SMS Twilio received for the account, oldest first. */
    public static List<Map<String, String>> sent(String accountSid) {
        return ThirdParties.server().findAll(postRequestedFor(urlEqualTo(messagesPath(accountSid)))).stream()
                .map(request -> form(request.getBodyAsString()))
                .toList();
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
