package org.enverify.mailoutbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.platform.net.RefusedUrl;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a realm's mails leave, as its administrators choose it: through the realm's own SMTP account, in the realm's
 * own texts; through the system SMTP account in the realm's own texts, once a system administrator allowed it
 * ({@code can_use_system_email_config}); or, by default, as the installation's mails in the built-in texts through
 * the system account, so that invitations and password resets reach people whatever the realm chose. Sending
 * through the operator's account in texts a realm wrote is what needs the operator's consent.
 */
@Component
public class RealmMailAccounts {

    /** What the realm's mail page shows; {@code kind} is {@code smtp}, {@code system} or {@code default}. */
    public record Configuration(String kind, SmtpShown smtp) {}

    private final RealmMailConfigRepository repository;
    private final SystemSmtpAccount system;
    private final Realms realms;
    private final SecretCipher cipher;
    private final OutboundUrls outbound;
    private final AuditLog audit;
    private final Clock clock;

    RealmMailAccounts(
            RealmMailConfigRepository repository,
            SystemSmtpAccount system,
            Realms realms,
            SecretCipher cipher,
            OutboundUrls outbound,
            AuditLog audit,
            Clock clock) {
        this.repository = repository;
        this.system = system;
        this.realms = realms;
        this.cipher = cipher;
        this.outbound = outbound;
        this.audit = audit;
        this.clock = clock;
    }

    public Configuration configuration(RealmId realm) {
        return repository
                .find(realm)
                .map(row -> new Configuration(row.kind(), row.smtp().shown()))
                .orElse(new Configuration("default", SmtpShown.NONE));
    }

    /** Whether a system administrator lets the realm mail its own texts through the system account. */
    public boolean mayUseSystem(RealmId realm) {
        return realms.find(realm)
                .map(found -> found.settings(MailDeliveryRealmSettings.class).canUseSystemEmailConfig())
                .orElse(false);
    }

    /** Whether the realm's mails carry the texts its administrators wrote, rather than the built-in ones. */
    public boolean sendsOwnTexts(RealmId realm) {
        return repository
                .find(realm)
                .map(row -> row.kind().equals("smtp") || mayUseSystem(realm))
                .orElse(false);
    }

    /**
     * The realm mails through its own SMTP account; a blank password keeps the one the realm's account has.
     *
     * @throws Refusal about each refused field; nothing is stored then
     */
    @Transactional
    public void useOwnSmtp(RealmId realm, SmtpInput input, Actor actor) {
        Optional<RealmMailConfigRepository.Row> before = repository.find(realm);
        byte[] kept = before.filter(row -> row.kind().equals("smtp"))
                .map(row -> row.smtp().passwordCiphertext())
                .orElse(null);
        SmtpRules.Checked checked = SmtpRules.check(input, kept != null);
        try {
            outbound.checkHost(checked.host());
        } catch (RefusedUrl refused) {
            throw refused.reason() == RefusedUrl.Reason.UNRESOLVED
                    ? SmtpRules.refusal("host", "does not resolve", "mail.error.hostUnresolved")
                    : SmtpRules.refusal("host", "must resolve to public addresses only", "mail.error.hostNotPublic");
        }
        byte[] password = checked.password() == null
                ? kept
                : cipher.encrypt(checked.password().getBytes(StandardCharsets.UTF_8), passwordContext(realm));
        repository.save(
                realm, new RealmMailConfigRepository.Row("smtp", StoredSmtp.of(checked, password)), clock.instant());
        audit(realm, actor, before);
    }

    /**
     * The realm mails its own texts through the system account.
     *
     * @throws Refusal about {@code kind} unless a system administrator allowed it
     */
    @Transactional
    public void useSystem(RealmId realm, Actor actor) {
        if (!mayUseSystem(realm)) {
            throw Refusal.of(
                            ErrorCode.UNPARSABLE_REQUEST,
                            "Realm " + realm + " may not use the system SMTP account: a system administrator sets"
                                    + " can_use_system_email_config=true first")
                    .about("kind")
                    .shown("mail.error.systemNotAllowed");
        }
        Optional<RealmMailConfigRepository.Row> before = repository.find(realm);
        repository.save(realm, new RealmMailConfigRepository.Row("system", StoredSmtp.NONE), clock.instant());
        audit(realm, actor, before);
    }

    /** The realm's mails are the installation's again, in the built-in texts. */
    @Transactional
    public void useDefault(RealmId realm, Actor actor) {
        Optional<RealmMailConfigRepository.Row> before = repository.find(realm);
        repository.delete(realm);
        audit(realm, actor, before);
    }

    /** The account a mail of this realm (or, without one, of the installation) goes through now. */
    Optional<SmtpAccount> accountFor(Optional<RealmId> realm) {
        Optional<RealmMailConfigRepository.Row> own =
                realm.flatMap(repository::find).filter(row -> row.kind().equals("smtp"));
        if (own.isPresent()) {
            return Optional.of(own.get().smtp().account(cipher, passwordContext(realm.get()), true));
        }
        return system.resolved();
    }

    private void audit(RealmId realm, Actor actor, Optional<RealmMailConfigRepository.Row> before) {
        audit.record(
                realm,
                actor,
                "mail.configure",
                "realms:" + realm + "/mail",
                described(before),
                described(repository.find(realm)));
    }

    private static Map<String, Object> described(Optional<RealmMailConfigRepository.Row> row) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("kind", row.map(RealmMailConfigRepository.Row::kind).orElse("default"));
        row.ifPresent(found -> fields.putAll(found.smtp().described()));
        return fields;
    }

    private static String passwordContext(RealmId realm) {
        return "realm_mail_configs.smtp_password_ciphertext:" + realm;
    }
}
