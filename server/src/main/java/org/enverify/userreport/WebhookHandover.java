package org.enverify.userreport;

import java.net.URI;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.enverify.code.IssuedCode;
import org.enverify.platform.api.HttpDates;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.platform.net.WebhookSettings;
import org.enverify.realm.Realm;
import org.enverify.sms.UserReportWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Hands a web-view report's code and SMS text to the realm's own system, which sends the SMS. */
@Component
class WebhookHandover {

    private static final Logger log = LoggerFactory.getLogger(WebhookHandover.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final OutboundUrls urls;
    private final OutboundHttp http;

    WebhookHandover(OutboundUrls urls, WebhookSettings webhooks) {
        this.urls = urls;
        this.http = new OutboundHttp(webhooks.timeout(), MAX_ANSWER_BYTES, false);
    }

    /** POSTs the code and its SMS to the realm's webhook, signed; false when it did not take them. */
    boolean deliver(Realm realm, UserReportWebhook webhook, IssuedCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuid", code.uuid().toString());
        body.put("code", code.code());
        body.put("expiresAt", HttpDates.format(code.expiresAt()));
        body.put("expiresAtTimestamp", code.expiresAt().getEpochSecond());
        body.put("longExpiresAt", HttpDates.format(code.longExpiresAt()));
        body.put("longExpiresAtTimestamp", code.longExpiresAt().getEpochSecond());
        body.put("generatedSMS", code.generatedSms());
        body.put("phone", code.phone());
        byte[] json = JSON.writeValueAsBytes(body);
        String signature = HexFormat.of().formatHex(CryptoProvider.hmacSha512(webhook.secret(), json));
        try {
            URI url = urls.check(webhook.url().toString());
            OutboundHttp.Response response =
                    http.post(url, Map.of("Content-Type", "application/json", "X-Signature", signature), json);
            if (response.ok()) {
                return true;
            }
            log.warn("The user-report webhook of realm {} answered {}", realm.id(), response.status());
        } catch (IllegalArgumentException | OutboundHttpException e) {
            log.warn("The user-report webhook of realm {} failed: {}", realm.id(), e.getMessage());
        }
        return false;
    }
}
