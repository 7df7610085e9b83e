package org.enverify.sms;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.platform.net.RefusedUrl;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A realm's SMS configuration as one document, for callers that keep it as code (the management API): who sends
 * its SMS, where its user-report SMS go instead, and its alternate templates, with a version that changes whenever
 * any of them does. A change goes through the same services, checks and audit entries as the SMS page and the
 * {@code sms} command, all of it or none, and its refusals name the document's fields. Secrets are written, never
 * read back: the document says whether one is set.
 */
@Service
public class SmsConfigurations {

    /** The document's names of the fields the sender's and the webhook's checks refuse by their form names. */
    private static final Map<String, String> DOCUMENT_FIELDS = Map.of(
            "accountSid", "account_sid",
            "authToken", "auth_token",
            "userReportFrom", "user_report_from",
            "systemFrom", "from",
            "reportWebhookSecret", "report_webhook_secret");

    /** The sender's fields each kind of sender takes. */
    private static final Map<String, List<String>> SENDER_FIELDS = Map.of(
            "twilio", List.of("account_sid", "auth_token", "from", "user_report_from"),
            "system", List.of("from"),
            "default", List.of());

    private final SmsSenders senders;
    private final SmsTemplates templates;
    private final SmsConfigRepository configs;
    private final SmsTemplateRepository templateTexts;
    private final SmsConfigurationLock lock;
    private final OutboundUrls urls;

    SmsConfigurations(
            SmsSenders senders,
            SmsTemplates templates,
            SmsConfigRepository configs,
            SmsTemplateRepository templateTexts,
            SmsConfigurationLock lock,
            OutboundUrls urls) {
        this.senders = senders;
        this.templates = templates;
        this.configs = configs;
        this.templateTexts = templateTexts;
        this.lock = lock;
        this.urls = urls;
    }

    /**
     * @param templates the alternate templates by label; the realm's default one is its {@code sms_text_template}
     *     setting
     * @param version changes whenever the sender, the webhook (its secret included) or a template does
     */
    public record Document(SmsSenders.Configuration sender, Map<String, String> templates, String version) {}

    /**
     * A change of the document; a field left null stays as it is.
     *
     * @param kind who sends: {@code twilio} (the realm's own account), {@code system} (the system account) or
     *     {@code default}. While it stays the same, the sender's fields not given keep their values; a new kind
     *     takes only the fields given with it
     * @param authToken the own account's; none keeps the one it has
     * @param from the own account's sender (a phone number or a messaging service SID), or the label of the system
     *     account's sender
     * @param userReportFrom the own account's sender of user reports; empty for none
     * @param reportWebhookUrl where user-report SMS go instead of being sent; empty for nowhere
     * @param reportWebhookSecret the webhook's secret, needed with every change of the webhook
     * @param templates alternate templates by label: a text saves the template, null removes it
     */
    public record Change(
            String kind,
            String accountSid,
            String authToken,
            String from,
            String userReportFrom,
            String reportWebhookUrl,
            String reportWebhookSecret,
            Map<String, String> templates) {

        /** The sender's fields given, by their document names. */
        private Map<String, String> senderFields() {
            Map<String, String> given = new LinkedHashMap<>();
            given.put("account_sid", accountSid);
            given.put("auth_token", authToken);
            given.put("from", from);
            given.put("user_report_from", userReportFrom);
            given.values().removeIf(value -> value == null);
            return given;
        }

        private boolean changesSender() {
            return kind != null || !senderFields().isEmpty();
        }

        private boolean changesReportWebhook() {
            return reportWebhookUrl != null || reportWebhookSecret != null;
        }
    }

    @Transactional(readOnly = true)
    public Document document(RealmId realm) {
        Optional<SmsConfigRepository.Row> row = configs.find(realm);
        Map<String, String> alternates = templateTexts.all(realm);
        return new Document(SmsSenders.configuration(row), alternates, version(row, alternates));
    }

    /**
     * Applies a change, all of it or none.
     *
     * @param realm the realm as it is now (its settings judge the templates)
     * @param expectedVersion the document's version the change was made against; null for whatever is current
     * @throws Refusal {@code precondition_failed} when the document is no longer at {@code expectedVersion}, or
     *     about the first refused field
     */
    @Transactional
    public Document change(Realm realm, String expectedVersion, Change change, Actor actor) {
        RealmId id = realm.id();
        lock.lock(id);
        if (expectedVersion != null && !document(id).version().equals(expectedVersion)) {
            throw Refusal.of(ErrorCode.PRECONDITION_FAILED, "the realm's SMS configuration changed since this version");
        }
        try {
            if (change.changesSender()) {
                changeSender(id, change, actor);
            }
            if (change.changesReportWebhook()) {
                changeReportWebhook(id, change, actor);
            }
        } catch (Refusal refused) {
            throw refused.about(refused.field()
                    .map(field -> DOCUMENT_FIELDS.getOrDefault(field, field))
                    .orElse(null));
        } catch (SystemSenderNotAllowedException refused) {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, refused.getMessage()).about("kind");
        }
        if (change.templates() != null) {
            change.templates().forEach((label, text) -> changeTemplate(realm, label, text, actor));
        }
        return document(id);
    }

    private void changeSender(RealmId realm, Change change, Actor actor) {
        SmsSenders.Configuration current = senders.configuration(realm);
        String kind = change.kind() == null ? current.kind() : change.kind();
        List<String> taken = SENDER_FIELDS.get(kind);
        if (taken == null) {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "kind must be twilio, system or default")
                    .about("kind");
        }
        for (String field : change.senderFields().keySet()) {
            if (!taken.contains(field)) {
                throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, field + " does not apply to a sender of kind " + kind)
                        .about(field);
            }
        }
        boolean sameKind = kind.equals(current.kind());
        switch (kind) {
            case "twilio" ->
                senders.useOwnTwilio(
                        realm,
                        orKept(change.accountSid(), sameKind, current.accountSid()),
                        change.authToken(),
                        orKept(change.from(), sameKind, current.from()),
                        orKept(change.userReportFrom(), sameKind, current.userReportFrom()),
                        actor);
            case "system" -> senders.useSystem(realm, orKept(change.from(), sameKind, current.from()), actor);
            default -> senders.useDefault(realm, actor);
        }
    }

    private static String orKept(String given, boolean sameKind, String current) {
        return given != null ? given : sameKind ? current : null;
    }

    /** A new URL takes the secret with it; a new secret alone stays with the current URL. */
    private void changeReportWebhook(RealmId realm, Change change, Actor actor) {
        String url = change.reportWebhookUrl() != null
                ? change.reportWebhookUrl()
                : senders.configuration(realm).reportWebhookUrl();
        if (url == null || url.isBlank()) {
            if (change.reportWebhookSecret() != null) {
                throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "a webhook secret needs the webhook's URL")
                        .about("report_webhook_url");
            }
            senders.setReportWebhook(realm, null, null, actor);
            return;
        }
        URI checked;
        try {
            checked = urls.check(url);
        } catch (RefusedUrl refused) {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "the URL " + refused.getMessage())
                    .about("report_webhook_url");
        }
        senders.setReportWebhook(realm, checked, change.reportWebhookSecret(), actor);
    }

    private void changeTemplate(Realm realm, String label, String text, Actor actor) {
        try {
            if (text == null) {
                templates.remove(realm.id(), label, actor);
            } else {
                templates.save(realm, label, text, actor);
            }
        } catch (Refusal refused) {
            throw Refusal.of(refused.code(), "template '" + label + "': " + refused.apiText())
                    .about("templates");
        }
    }

    /** A digest of everything the document holds, the secrets as stored (encrypted), so that their change shows. */
    private static String version(Optional<SmsConfigRepository.Row> row, Map<String, String> alternates) {
        StringBuilder printed = new StringBuilder();
        row.ifPresent(found -> {
            for (Object field : new Object[] {
                found.kind(),
                found.accountSid(),
                hex(found.authTokenCiphertext()),
                found.fromNumber(),
                found.userReportFromNumber(),
                found.webhookUrl(),
                hex(found.webhookSecretCiphertext())
            }) {
                printed.append(field).append('\n');
            }
        });
        alternates.forEach(
                (label, text) -> printed.append(label).append('\n').append(text).append('\n'));
        return HexFormat.of()
                .formatHex(CryptoProvider.sha256(printed.toString().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}
