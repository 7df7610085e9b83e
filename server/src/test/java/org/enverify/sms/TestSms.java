package org.enverify.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enverify.platform.Actor;
import org.enverify.realm.RealmId;
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
