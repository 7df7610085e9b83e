package org.enverify.sms;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.Refusal;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who sends a realm's SMS and from which number: its own Twilio account, the system account with a
 * sender the realm chose, or the installation's default provider. Resolved configurations (auth
 * tokens decrypted) are cached for the cache lifetime.
 */
@Component
public class SmsSenders {

    static final int MIN_WEBHOOK_SECRET = 12;

    /** A provider and the sender numbers it uses for this realm. */
    record Sender(SmsProvider provider, String from, String userReportFrom, String authToken) {

        String from(boolean userReport) {
            return userReport && userReportFrom != null ? userReportFrom : from;
        }
    }

    private final SmsConfigRepository repository;
    private final SecretCipher cipher;
    private final SmsSettings settings;
    private final SystemSmsAccount systemAccount;
    private final Clock clock;
    private final OutboundHttp http;
    private final LoadingCache<RealmId, Optional<Sender>> cache;
    private final AuditLog audit;
    private final Realms realms;
    private final SmsConfigurationLock lock;

    SmsSenders(
            SmsConfigRepository repository,
            SmsConfigurationLock lock,
            SecretCipher cipher,
            SmsSettings settings,
            SystemSmsAccount systemAccount,
            EnverifySettings enverify,
            Clock clock,
            AuditLog audit,
            Realms realms) {
        this.repository = repository;
        this.lock = lock;
        this.audit = audit;
        this.realms = realms;
        this.cipher = cipher;
        this.settings = settings;
        this.systemAccount = systemAccount;
        this.clock = clock;
        this.http = new OutboundHttp(settings.timeout(), 64 * 1024);
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(enverify.cacheTtl())
                .maximumSize(10_000)
                .build(this::load);
    }

    Optional<Sender> sender(RealmId realm) {
        return cache.get(realm);
    }

    /** What a realm's SMS settings page shows: never the auth token or the webhook secret, only whether one is set. */
    public record Configuration(
            String kind,
            String accountSid,
            boolean authTokenSet,
            String from,
            String userReportFrom,
            String reportWebhookUrl,
            boolean reportWebhookSecretSet) {}

    /** The realm's SMS configuration; {@code kind} is {@code twilio}, {@code system} or {@code default}. */
    public Configuration configuration(RealmId realm) {
        return configuration(repository.find(realm));
    }

    static Configuration configuration(Optional<SmsConfigRepository.Row> row) {
        return row.map(found -> new Configuration(
                        found.kind() == null ? "default" : found.kind(),
                        found.accountSid(),
                        found.authTokenCiphertext() != null,
                        found.fromNumber(),
                        found.userReportFromNumber(),
                        found.webhookUrl(),
                        found.webhookSecretCiphertext() != null))
                .orElse(new Configuration("default", null, false, null, null, null, false));
    }

    /** The labels of the system account's sender numbers a realm may choose. */
    public Set<String> systemSenderLabels() {
        return systemAccount.senderLabels();
    }

    /**
     * Stores the realm's own Twilio account; the token is encrypted for this realm's row. A blank token keeps the
     * one the realm's Twilio account has.
     *
     * @throws Refusal about the field that is refused
     */
    @Transactional
    public void useOwnTwilio(
            RealmId realm, String accountSid, String authToken, String from, String userReportFrom, Actor actor) {
        Optional<SmsConfigRepository.Row> before = lockedRow(realm);
        String sid = TwilioInput.accountSid(accountSid);
        String sender = TwilioInput.sender(from, "from number", "from");
        String reportSender = userReportFrom == null || userReportFrom.isBlank()
                ? null
                : TwilioInput.sender(userReportFrom, "user-report from number", "userReportFrom");
        byte[] token;
        if (authToken == null || authToken.isBlank()) {
            token = before.filter(row -> "twilio".equals(row.kind()))
                    .map(SmsConfigRepository.Row::authTokenCiphertext)
                    .orElseThrow(
                            () -> TwilioInput.refused("An auth token is required", "authToken", "sms.error.authToken"));
        } else {
            token = cipher.encrypt(
                    TwilioInput.authToken(authToken).getBytes(StandardCharsets.UTF_8), tokenContext(realm));
        }
        repository.saveSender(realm, "twilio", sid, token, sender, reportSender, clock.instant());
        cache.invalidate(realm);
        audit(realm, actor, before, repository.find(realm));
    }

    /** Whether a system administrator lets the realm send through the system account. */
    public boolean mayUseSystem(RealmId realm) {
        return realms.find(realm)
                .map(found -> found.settings(SmsRealmSettings.class).canUseSystemSmsConfig())
                .orElse(false);
    }

    /**
     * Lets the realm send through the system account with the sender number labelled {@code label}.
     *
     * @throws SystemSenderNotAllowedException unless the realm's {@code can_use_system_sms_config} is on
     */
    @Transactional
    public void useSystem(RealmId realm, String label, Actor actor) {
        if (!mayUseSystem(realm)) {
            throw new SystemSenderNotAllowedException(realm);
        }
        label = TwilioInput.label(label);
        Set<String> known = systemAccount.senderLabels();
        if (!known.contains(label)) {
            throw TwilioInput.refused(
                    "No system sender number is labelled '" + label + "'; known: " + String.join(", ", known),
                    "systemFrom",
                    "sms.error.systemFrom");
        }
        Optional<SmsConfigRepository.Row> before = lockedRow(realm);
        repository.saveSender(realm, "system", null, null, label, null, clock.instant());
        cache.invalidate(realm);
        audit(realm, actor, before, repository.find(realm));
    }

    /** Back to the installation's default provider. */
    @Transactional
    public void useDefault(RealmId realm, Actor actor) {
        Optional<SmsConfigRepository.Row> before = lockedRow(realm);
        repository.saveSender(realm, null, null, null, null, null, clock.instant());
        cache.invalidate(realm);
        audit(realm, actor, before, repository.find(realm));
    }

    /**
     * Sets or, with a blank URL, removes the user-report SMS webhook; the secret is encrypted for this realm.
     *
     * @throws Refusal about {@code reportWebhookSecret} when the secret is too short
     */
    @Transactional
    public void setReportWebhook(RealmId realm, URI url, String secret, Actor actor) {
        Optional<SmsConfigRepository.Row> before = lockedRow(realm);
        if (url == null) {
            repository.saveReportWebhook(realm, null, null, clock.instant());
        } else {
            if (secret == null || secret.length() < MIN_WEBHOOK_SECRET) {
                throw TwilioInput.refused(
                        "The webhook secret must have at least " + MIN_WEBHOOK_SECRET + " characters",
                        "reportWebhookSecret",
                        "sms.error.reportWebhookSecret");
            }
            repository.saveReportWebhook(
                    realm,
                    url.toString(),
                    cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8), webhookContext(realm)),
                    clock.instant());
        }
        audit(realm, actor, before, repository.find(realm));
    }

    /** The realm's SMS row, read under the lock that every change of the realm's SMS configuration takes. */
    private Optional<SmsConfigRepository.Row> lockedRow(RealmId realm) {
        lock.lock(realm);
        return repository.find(realm);
    }

    private void audit(
            RealmId realm,
            Actor actor,
            Optional<SmsConfigRepository.Row> before,
            Optional<SmsConfigRepository.Row> after) {
        audit.record(realm, actor, "sms.configure", "realms:" + realm + "/sms", describe(before), describe(after));
    }

    /** The row as the audit trail keeps it: the secrets under names it redacts, so only their change shows. */
    private static Map<String, Object> describe(Optional<SmsConfigRepository.Row> row) {
        Map<String, Object> fields = new TreeMap<>();
        row.ifPresent(r -> {
            fields.put("kind", r.kind() == null ? "default" : r.kind());
            putIfSet(fields, "account_sid", r.accountSid());
            putIfSet(
                    fields,
                    "auth_token",
                    r.authTokenCiphertext() == null ? null : HexFormat.of().formatHex(r.authTokenCiphertext()));
            putIfSet(fields, "from", r.fromNumber());
            putIfSet(fields, "user_report_from", r.userReportFromNumber());
            putIfSet(fields, "report_webhook_url", r.webhookUrl());
            putIfSet(
                    fields,
                    "report_webhook_secret",
                    r.webhookSecretCiphertext() == null ? null : HexFormat.of().formatHex(r.webhookSecretCiphertext()));
        });
        return fields;
    }

    private static void putIfSet(Map<String, Object> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    Optional<UserReportWebhook> reportWebhook(RealmId realm) {
        return repository
                .find(realm)
                .filter(row -> row.webhookUrl() != null)
                .map(row -> new UserReportWebhook(
                        URI.create(row.webhookUrl()),
                        cipher.decrypt(row.webhookSecretCiphertext(), webhookContext(realm))));
    }

    private Optional<Sender> load(RealmId realm) {
        Optional<SmsConfigRepository.Row> row = repository.find(realm).filter(r -> r.kind() != null);
        if (row.isPresent() && row.get().kind().equals("twilio")) {
            SmsConfigRepository.Row config = row.get();
            String token = new String(
                    cipher.decrypt(config.authTokenCiphertext(), tokenContext(realm)), StandardCharsets.UTF_8);
            return Optional.of(new Sender(
                    twilio(config.accountSid(), token), config.fromNumber(), config.userReportFromNumber(), token));
        }
        if (row.isPresent()) {
            if (!mayUseSystem(realm)) {
                return Optional.empty();
            }
            SystemSmsAccount.Resolved system = systemAccount.resolved();
            String number = system.senders().get(TwilioInput.label(row.get().fromNumber()));
            if (number == null || !system.usable()) {
                return Optional.empty();
            }
            return Optional.of(
                    new Sender(twilio(system.accountSid(), system.authToken()), number, null, system.authToken()));
        }
        if (settings.provider().equals("log")) {
            return Optional.of(new Sender(new LogSmsProvider(realm.toString()), "log", null, null));
        }
        return Optional.empty();
    }

    private SmsProvider twilio(String accountSid, String authToken) {
        return new TwilioSmsProvider(http, settings.twilio().apiUrl(), accountSid, authToken, settings.attempts());
    }

    static String webhookContext(RealmId realm) {
        return "realm_sms_configs.user_report_webhook_secret_ciphertext:" + realm;
    }

    static String tokenContext(RealmId realm) {
        return "realm_sms_configs.twilio_auth_token_ciphertext:" + realm;
    }
}
