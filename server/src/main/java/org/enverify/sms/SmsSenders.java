package org.enverify.sms;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who sends a realm's SMS and from which number: its own Twilio account, the system account with a
 * sender the realm chose, or the installation's default provider. Resolved configurations (auth
 * tokens decrypted) are cached for the cache lifetime.
 */
@Component
class SmsSenders {

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
    private final Clock clock;
    private final OutboundHttp http;
    private final LoadingCache<RealmId, Optional<Sender>> cache;

    SmsSenders(
            SmsConfigRepository repository,
            SecretCipher cipher,
            SmsSettings settings,
            EnverifySettings enverify,
            Clock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.settings = settings;
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

    /** Stores the realm's own Twilio account; the token is encrypted for this realm's row. */
    @Transactional
    void useOwnTwilio(RealmId realm, String accountSid, String authToken, String from, String userReportFrom) {
        repository.saveSender(
                realm,
                "twilio",
                accountSid,
                cipher.encrypt(authToken.getBytes(StandardCharsets.UTF_8), tokenContext(realm)),
                from,
                userReportFrom,
                clock.instant());
        cache.invalidate(realm);
    }

    /** Lets the realm send through the system account with the sender number labelled {@code label}. */
    @Transactional
    void useSystem(RealmId realm, String label) {
        if (!settings.twilio().fromNumbers().containsKey(label)) {
            throw new IllegalArgumentException("No system sender number is labelled '" + label + "'; known: "
                    + String.join(", ", settings.twilio().fromNumbers().keySet()));
        }
        repository.saveSender(realm, "system", null, null, label, null, clock.instant());
        cache.invalidate(realm);
    }

    /** Back to the installation's default provider. */
    @Transactional
    void useDefault(RealmId realm) {
        repository.saveSender(realm, null, null, null, null, null, clock.instant());
        cache.invalidate(realm);
    }

    /** Sets or, with a blank URL, removes the user-report SMS webhook; the secret is encrypted for this realm. */
    @Transactional
    void setReportWebhook(RealmId realm, URI url, String secret) {
        if (url == null) {
            repository.saveReportWebhook(realm, null, null, clock.instant());
            return;
        }
        if (secret == null || secret.length() < MIN_WEBHOOK_SECRET) {
            throw new IllegalArgumentException(
                    "The webhook secret must have at least " + MIN_WEBHOOK_SECRET + " characters");
        }
        repository.saveReportWebhook(
                realm,
                url.toString(),
                cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8), webhookContext(realm)),
                clock.instant());
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
        SmsSettings.Twilio system = settings.twilio();
        if (row.isPresent()) {
            String number = system.fromNumbers().get(row.get().fromNumber());
            if (number == null
                    || system.accountSid().isBlank()
                    || system.authToken().isBlank()) {
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
