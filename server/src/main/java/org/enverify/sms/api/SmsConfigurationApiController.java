package org.enverify.sms.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.IfMatch;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.ManagementApi;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.realm.Realms;
import org.enverify.sms.SmsConfigurations;
import org.enverify.sms.SmsSenders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The realm's SMS configuration as one document, as its SMS page edits it: the sender, the user-report webhook and
 * the alternate templates. The auth token and the webhook secret are written, never shown: the document says
 * whether each is set. PATCH changes what it names through the same checks and audit as the page; its
 * {@code If-Match} names the {@code ETag} the caller read, so it never overwrites a change it has not seen.
 */
@RestController
@ManagementApi
class SmsConfigurationApiController {

    private final SmsConfigurations configurations;
    private final Realms realms;
    private final JsonRequestReader reader;

    SmsConfigurationApiController(SmsConfigurations configurations, Realms realms, JsonRequestReader reader) {
        this.configurations = configurations;
        this.realms = realms;
        this.reader = reader;
    }

    /**
     * The document as the API shows it; absent fields have no value.
     *
     * @param from the own Twilio account's sender, or the label of the system account's sender
     * @param templates the alternate templates by label
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SmsView(
            String kind,
            String accountSid,
            boolean authTokenSet,
            String from,
            String userReportFrom,
            String reportWebhookUrl,
            boolean reportWebhookSecretSet,
            Map<String, String> templates) {

        static SmsView of(SmsConfigurations.Document document) {
            SmsSenders.Configuration sender = document.sender();
            return new SmsView(
                    sender.kind(),
                    sender.accountSid(),
                    sender.authTokenSet(),
                    sender.from(),
                    sender.userReportFrom(),
                    sender.reportWebhookUrl(),
                    sender.reportWebhookSecretSet(),
                    document.templates());
        }
    }

    /** What a PATCH may name (see {@link SmsConfigurations.Change}); a template given null is removed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SmsChange(
            String kind,
            String accountSid,
            String authToken,
            String from,
            String userReportFrom,
            String reportWebhookUrl,
            String reportWebhookSecret,
            Map<String, String> templates) {

        SmsConfigurations.Change asChange() {
            return new SmsConfigurations.Change(
                    kind,
                    accountSid,
                    authToken,
                    from,
                    userReportFrom,
                    reportWebhookUrl,
                    reportWebhookSecret,
                    templates);
        }
    }

    @GetMapping("/api/v1/realms/{realmId}/sms")
    ResponseEntity<Envelope<SmsView>> get(@RequireScope(Permission.SETTINGS_READ) RealmCaller caller) {
        return document(configurations.document(caller.realm()));
    }

    @PatchMapping("/api/v1/realms/{realmId}/sms")
    ResponseEntity<Envelope<SmsView>> change(
            @RequireScope(Permission.SETTINGS_WRITE) RealmCaller caller, HttpServletRequest request) {
        SmsChange change = reader.read(request, SmsChange.class, ErrorCode.UNPARSABLE_REQUEST);
        Realm realm = realms.find(caller.realm()).orElseThrow(() -> new RealmNotFoundException(caller.realm()));
        return document(
                configurations.change(realm, IfMatch.version(request).orElse(null), change.asChange(), caller.actor()));
    }

    private static ResponseEntity<Envelope<SmsView>> document(SmsConfigurations.Document document) {
        return ResponseEntity.ok().eTag("\"" + document.version() + "\"").body(Envelope.of(SmsView.of(document)));
    }
}
