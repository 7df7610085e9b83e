package org.enverify.sms;

import java.util.Optional;
import org.enverify.realm.Realm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Composes and sends the SMS that carries a code: the realm's template filled in, signed when the
 * realm uses authenticated SMS, and handed to the realm's provider. Nothing here logs a phone number,
 * a code or an SMS text.
 */
@Service
public class SmsMessages {

    private static final Logger log = LoggerFactory.getLogger(SmsMessages.class);

    private final SmsSenders senders;
    private final SmsTemplates templates;
    private final SmsSigningKeys keys;

    SmsMessages(SmsSenders senders, SmsTemplates templates, SmsSigningKeys keys) {
        this.senders = senders;
        this.templates = templates;
        this.keys = keys;
    }

    /** Where the realm's user-report web view posts the SMS instead of sending it, if it set a webhook. */
    public Optional<UserReportWebhook> userReportWebhook(Realm realm) {
        return senders.reportWebhook(realm.id());
    }

    /** Whether the realm has a provider to send SMS with. */
    public boolean canSend(Realm realm) {
        return senders.sender(realm.id()).isPresent();
    }

    /**
     * The template an issuer chose by label; with no label the realm's default, or for user reports its
     * User Report template. Empty when the realm has no template with this label.
     */
    public Optional<String> template(Realm realm, String label, boolean userReport) {
        return templates.template(realm, label, userReport);
    }

    /**
     * The SMS text for a code, signed when the realm uses authenticated SMS. A signature that cannot be
     * made leaves the SMS unsigned, unless the realm fails closed.
     *
     * @param phone the E.164 number the SMS is for, which the signature covers
     * @throws SmsRefusedException when signing fails and the realm fails closed
     */
    public String compose(
            Realm realm, String template, boolean userReport, String phone, String shortCode, String longCode) {
        String text = templates.render(realm, template, shortCode, longCode, userReport);
        if (!realm.settings(SmsRealmSettings.class).useAuthenticatedSms()) {
            return text;
        }
        try {
            return keys.sign(realm.id(), userReport, phone, text);
        } catch (RuntimeException e) {
            if (realm.settings(SmsRealmSettings.class).smsFailClosed()) {
                throw new SmsRefusedException("the SMS cannot be signed: " + e.getMessage(), null);
            }
            log.warn("Sending an unsigned SMS for realm {}: {}", realm.id(), e.getMessage());
            return text;
        }
    }

    /**
     * Sends a composed SMS through the realm's provider, from its user-report number for user reports.
     *
     * @throws SmsRefusedException when there is no provider or it did not accept the SMS
     */
    public void send(Realm realm, boolean userReport, String phone, String text) {
        SmsSenders.Sender sender = senders.sender(realm.id())
                .orElseThrow(() -> new SmsRefusedException("no SMS provider is configured for this realm", null));
        sender.provider().send(phone, sender.from(userReport), text);
    }
}
