package org.enverify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.enverify.platform.Actor;
import org.enverify.support.ApiClient;
import org.enverify.support.MessagingIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Twilio's status callback: counted per realm and day only with Twilio's signature. */
@MessagingIntegrationTest
class TwilioCallbackIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    SmsSenders senders;

    @Autowired
    SmsErrorRepository errors;

    @Autowired
    MutableClock clock;

    @Test
    void aSignedFailureCountsAndAnUnsignedOneIsRefused(TestRealm realm, ApiClient api) {
        senders.useOwnTwilio(realm.id(), "ACcallback", "callback-token", "+15550002222", null, Actor.cli());
        String path = "/webhooks/" + realm.id() + "/twilio";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM123");
        form.put("MessageStatus", "undelivered");
        form.put("ErrorCode", "30003");
        String url = "http://localhost:" + port + path;
        String signature = TwilioSignature.compute(
                "callback-token",
                url,
                form.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));

        assertThat(callback(api, path, form, "bm90IGl0").status()).isEqualTo(403);
        assertThat(callback(api, path, form, null).status()).isEqualTo(403);
        assertThat(callback(api, "/webhooks/999999999/twilio", form, signature).status())
                .isEqualTo(404);
        assertThat(callback(api, "/webhooks/nope/twilio", form, signature).status())
                .isEqualTo(404);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        assertThat(errors.day(realm.id(), today)).isEmpty();

        assertThat(callback(api, path, form, signature).status()).isEqualTo(204);
        assertThat(callback(api, path, form, signature).status()).isEqualTo(204);

        assertThat(errors.day(realm.id(), today)).containsExactly(Map.entry("30003", 2L));
    }

    private static ApiClient.Response callback(ApiClient api, String path, Map<String, String> form, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (signature != null) {
            headers.put("X-Twilio-Signature", signature);
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return api.postWithHeaders(path, headers, body);
    }
}
