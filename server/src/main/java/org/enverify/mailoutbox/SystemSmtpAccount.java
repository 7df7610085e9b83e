package org.enverify.mailoutbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.crypto.SecretCipher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's SMTP account: it carries the installation's mails, and the mails of realms without their own
 * account. The environment's account ({@code ENVERIFY_SMTP_*}) applies until a system administrator stores one on
 * their page; from then on the stored one applies. The password is stored encrypted and never shown back.
 */
@Component
public class SystemSmtpAccount {

    private static final String PASSWORD_CONTEXT = "system_smtp_account.password_ciphertext";

    /** What the system administrator's page shows; {@code stored} is false while the environment's applies. */
    public record Shown(boolean stored, SmtpShown account) {}

    private final SystemSmtpAccountRepository repository;
    private final SmtpSettings settings;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    SystemSmtpAccount(
            SystemSmtpAccountRepository repository,
            SmtpSettings settings,
            SecretCipher cipher,
            AuditLog audit,
            Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    public Shown shown() {
        return repository
                .find()
                .map(stored -> new Shown(true, stored.shown()))
                .orElseGet(
                        () -> new Shown(false, environment().map(SmtpShown::of).orElse(SmtpShown.NONE)));
    }

    /** The account mails go through now; empty when there is none and mails wait in the outbox. */
    Optional<SmtpAccount> resolved() {
        return repository
                .find()
                .map(stored -> stored.host() == null
                        ? Optional.<SmtpAccount>empty()
                        : Optional.of(stored.account(cipher, PASSWORD_CONTEXT, false)))
                .orElseGet(this::environment);
    }

    /**
     * Stores the account; a blank password keeps the account's. A blank host stores "no SMTP": every mail of the
     * installation, and of realms without their own account, then waits in the outbox.
     *
     * @throws Refusal about each refused field; nothing is stored then
     */
    @Transactional
    public void save(SmtpInput input, Actor actor) {
        Optional<StoredSmtp> stored = repository.lock();
        StoredSmtp before = stored.orElseGet(this::environmentAsStored);
        StoredSmtp after = StoredSmtp.NONE;
        if (!input.host().isEmpty()) {
            SmtpRules.Checked checked = SmtpRules.check(input, before.passwordCiphertext() != null);
            after = StoredSmtp.of(
                    checked, checked.password() == null ? before.passwordCiphertext() : encrypt(checked.password()));
        }
        repository.save(after, clock.instant());
        audit.recordSystemWide(
                actor,
                "mail.system-smtp",
                "system:smtp",
                described(before, stored.isPresent()),
                described(after, true));
    }

    private Optional<SmtpAccount> environment() {
        if (settings.host().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new SmtpAccount(
                settings.host().strip(),
                settings.port(),
                settings.username().strip(),
                settings.password(),
                settings.from(),
                settings.starttls() ? SmtpTls.STARTTLS : SmtpTls.NONE,
                false));
    }

    /** The environment's account as a row would keep it, its password encrypted so that a change may keep it. */
    private StoredSmtp environmentAsStored() {
        return environment()
                .map(account -> new StoredSmtp(
                        account.host(),
                        account.port(),
                        account.username().isEmpty() ? null : account.username(),
                        account.username().isEmpty() || account.password().isEmpty()
                                ? null
                                : encrypt(account.password()),
                        account.from(),
                        account.tls().value()))
                .orElse(StoredSmtp.NONE);
    }

    private byte[] encrypt(String password) {
        return cipher.encrypt(password.getBytes(StandardCharsets.UTF_8), PASSWORD_CONTEXT);
    }

    private static Map<String, Object> described(StoredSmtp account, boolean stored) {
        Map<String, Object> fields = new TreeMap<>(account.described());
        fields.put("stored", stored);
        return fields;
    }
}
