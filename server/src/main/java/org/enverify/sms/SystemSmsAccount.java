package org.enverify.sms;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.crypto.SecretCipher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's Twilio account and its sender numbers, which realms share once a system administrator allows
 * them ({@code can_use_system_sms_config}). The environment's account ({@code ENVERIFY_SMS_TWILIO_*}) applies until
 * a system administrator changes it on their page: the first change stores the environment's account and senders
 * with it, and from then on the stored ones apply. The auth token is stored encrypted and never shown back.
 */
@Component
public class SystemSmsAccount {

    private static final String TOKEN_CONTEXT = "system_sms_account.twilio_auth_token_ciphertext";

    /**
     * What the system administrator's page shows.
     *
     * @param stored false while the environment's account applies
     * @param accountSid empty when there is no system account
     */
    public record Shown(boolean stored, String accountSid, boolean authTokenSet, Map<String, String> senders) {}

    /** The account as SMS are sent through it; {@code accountSid} and {@code authToken} are empty without one. */
    record Resolved(String accountSid, String authToken, Map<String, String> senders) {

        boolean usable() {
            return !accountSid.isEmpty() && !authToken.isEmpty();
        }
    }

    private final SystemSmsAccountRepository repository;
    private final SmsConfigRepository realmConfigs;
    private final SmsSettings settings;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    SystemSmsAccount(
            SystemSmsAccountRepository repository,
            SmsConfigRepository realmConfigs,
            SmsSettings settings,
            SecretCipher cipher,
            AuditLog audit,
            Clock clock) {
        this.repository = repository;
        this.realmConfigs = realmConfigs;
        this.settings = settings;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    public Shown shown() {
        return repository
                .find()
                .map(row -> new Shown(
                        true,
                        row.accountSid() == null ? "" : row.accountSid(),
                        row.authTokenCiphertext() != null,
                        repository.senders()))
                .orElseGet(() -> new Shown(
                        false,
                        settings.twilio().accountSid(),
                        !settings.twilio().authToken().isBlank(),
                        new TreeMap<>(settings.twilio().fromNumbers())));
    }

    /** The labels of the sender numbers a realm may choose. */
    public Set<String> senderLabels() {
        return new TreeSet<>(resolved().senders().keySet());
    }

    Resolved resolved() {
        return repository
                .find()
                .map(row -> new Resolved(
                        row.accountSid() == null ? "" : row.accountSid(),
                        row.authTokenCiphertext() == null
                                ? ""
                                : new String(
                                        cipher.decrypt(row.authTokenCiphertext(), TOKEN_CONTEXT),
                                        StandardCharsets.UTF_8),
                        repository.senders()))
                .orElseGet(() -> new Resolved(
                        settings.twilio().accountSid(),
                        settings.twilio().authToken(),
                        new TreeMap<>(settings.twilio().fromNumbers())));
    }

    /**
     * Stores the account. A blank token keeps the account's token; a blank SID and token leave the installation
     * without a system account, so that realms using it send no SMS.
     *
     * @throws Refusal about the field that is refused
     */
    @Transactional
    public void saveAccount(String accountSid, String authToken, Actor actor) {
        Stored before = storedForChange();
        String sid = accountSid == null ? "" : accountSid.trim();
        String token = authToken == null ? "" : authToken.trim();
        if (sid.isEmpty() && token.isEmpty()) {
            repository.save(null, null, clock.instant());
        } else {
            sid = TwilioInput.accountSid(sid);
            byte[] ciphertext;
            if (!token.isEmpty()) {
                ciphertext = encrypt(TwilioInput.authToken(token));
            } else if (before.authTokenCiphertext() != null) {
                ciphertext = before.authTokenCiphertext();
            } else {
                throw TwilioInput.refused("An auth token is required", "authToken", "sms.error.authToken");
            }
            repository.save(sid, ciphertext, clock.instant());
        }
        recordChange(before, actor);
    }

    /**
     * Adds a sender number, or gives a label another number.
     *
     * @throws Refusal about {@code label} or {@code sender}
     */
    @Transactional
    public void saveSender(String label, String sender, Actor actor) {
        String checkedLabel = TwilioInput.checkedLabel(label);
        String checkedSender = TwilioInput.sender(sender, "sender number", "sender");
        Stored before = storedForChange();
        repository.saveSender(checkedLabel, checkedSender, clock.instant());
        recordChange(before, actor);
    }

    /**
     * Removes a sender number no realm sends from.
     *
     * @return false when the account has no sender with this label
     * @throws Refusal about {@code senders} while realms send from it
     */
    @Transactional
    public boolean removeSender(String label, Actor actor) {
        String known = TwilioInput.label(label);
        if (!senderLabels().contains(known)) {
            return false;
        }
        long realms = realmConfigs.realmsSendingFromSystemSender(known);
        if (realms > 0) {
            throw TwilioInput.refused(
                    realms + " realms send from this number; they choose another sender first",
                    "senders",
                    "sms.error.senderInUse",
                    realms);
        }
        Stored before = storedForChange();
        repository.removeSender(known);
        recordChange(before, actor);
        return true;
    }

    /**
     * The account as a change found it; {@code stored} is false when it came from the environment.
     */
    private record Stored(boolean stored, String accountSid, byte[] authTokenCiphertext, Map<String, String> senders) {}

    /** The account before a change, stored first when the environment's applied: the change applies to it. */
    private Stored storedForChange() {
        Optional<SystemSmsAccountRepository.Row> row = repository.lock();
        if (row.isPresent()) {
            return new Stored(true, row.get().accountSid(), row.get().authTokenCiphertext(), repository.senders());
        }
        SmsSettings.Twilio environment = settings.twilio();
        boolean hasAccount =
                !environment.accountSid().isBlank() && !environment.authToken().isBlank();
        byte[] token = hasAccount ? encrypt(environment.authToken()) : null;
        repository.save(hasAccount ? environment.accountSid() : null, token, clock.instant());
        environment.fromNumbers().forEach((label, sender) -> repository.saveSender(label, sender, clock.instant()));
        return new Stored(
                false, hasAccount ? environment.accountSid() : null, token, new TreeMap<>(environment.fromNumbers()));
    }

    private void recordChange(Stored before, Actor actor) {
        SystemSmsAccountRepository.Row row = repository.find().orElseThrow();
        Stored after = new Stored(true, row.accountSid(), row.authTokenCiphertext(), repository.senders());
        audit.recordSystemWide(actor, "sms.system-account", "system:sms", describe(before), describe(after));
    }

    /** The account as the audit trail keeps it: the token under a name it redacts, so only its change shows. */
    private static Map<String, Object> describe(Stored account) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("stored", account.stored());
        if (account.accountSid() != null) {
            fields.put("account_sid", account.accountSid());
        }
        if (account.authTokenCiphertext() != null) {
            fields.put("auth_token", HexFormat.of().formatHex(account.authTokenCiphertext()));
        }
        account.senders().forEach((label, sender) -> fields.put("sender:" + label, sender));
        return fields;
    }

    private byte[] encrypt(String token) {
        return cipher.encrypt(token.getBytes(StandardCharsets.UTF_8), TOKEN_CONTEXT);
    }
}
