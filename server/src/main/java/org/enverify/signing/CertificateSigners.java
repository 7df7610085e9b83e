package org.enverify.signing;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.cache.CacheInvalidation;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmSettingsChanged;
import org.enverify.realm.TestType;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Signs verification certificates for the key server: with the system key, or with the realm's own
 * active key when the realm uses one. Signers are loaded once per cache lifetime, never per request.
 */
@Component
public class CertificateSigners {

    static final String CACHE = "realm-certificate-signers";

    private final CertificateSettings settings;
    private final Clock clock;
    private final CacheInvalidation invalidation;
    private final LoadingCache<Boolean, CertificateKeyStore.LoadedSigner> system;
    private final LoadingCache<RealmId, CertificateKeyStore.LoadedSigner> realms;
    private final Timer signing;

    CertificateSigners(
            CertificateKeyStore store,
            CertificateSettings settings,
            EnverifySettings enverify,
            Clock clock,
            MeterRegistry meters,
            CacheInvalidation invalidation) {
        this.settings = settings;
        this.clock = clock;
        this.invalidation = invalidation;
        this.signing = Timer.builder("enverify.certificate.signing")
                .description("Time to sign one verification certificate")
                .register(meters);
        this.system = Caffeine.newBuilder()
                .refreshAfterWrite(enverify.cacheTtl())
                .build(ignored -> store.activeSystemSigner()
                        .orElseThrow(() -> new IllegalStateException("There is no active system certificate key")));
        this.realms = Caffeine.newBuilder()
                .maximumSize(10_000)
                .refreshAfterWrite(enverify.cacheTtl())
                .recordStats()
                .build(realm -> store.activeRealmSigner(realm)
                        .orElseThrow(
                                () -> new IllegalStateException("Realm " + realm + " has no active certificate key")));
        CaffeineCacheMetrics.monitor(meters, realms, CACHE);
        invalidation.onInvalidate(CACHE, key -> realms.invalidate(new RealmId(Long.parseLong(key))));
    }

    /**
     * A certificate for a verified diagnosis.
     *
     * @param tekmac the phone's HMAC of its keys, copied verbatim
     */
    public String sign(Realm realm, TestType testType, LocalDate symptomDate, String tekmac) {
        Signing chosen = signingFor(realm);
        Instant now = clock.instant();
        Date issuedAt = Date.from(now.minus(settings.clockSkew()));
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(chosen.issuer())
                .audience(chosen.audience())
                .issueTime(issuedAt)
                .notBeforeTime(issuedAt)
                .expirationTime(Date.from(now.plus(chosen.duration())))
                .claim("reportType", testType.apiName())
                .claim("tekmac", tekmac);
        if (symptomDate != null) {
            claims.claim("symptomOnsetInterval", symptomOnsetInterval(symptomDate));
        }
        JWTClaimsSet built = claims.build();
        return signing.record(
                () -> Es256.sign(chosen.signer().signer(), chosen.signer().kid(), built));
    }

    /**
     * Signs other claims as the realm's certificate issuer, for a key server that authenticates the
     * realm by the key it already trusts (the stats pull): the key and {@code kid} that sign the realm's
     * certificates, and {@code iss} set to the realm's certificate issuer, replacing any in {@code claims}.
     */
    public String signAsCertificateIssuer(Realm realm, JWTClaimsSet claims) {
        Signing signing = signingFor(realm);
        JWTClaimsSet withIssuer =
                new JWTClaimsSet.Builder(claims).issuer(signing.issuer()).build();
        return Es256.sign(signing.signer().signer(), signing.signer().kid(), withIssuer);
    }

    private record Signing(
            CertificateKeyStore.LoadedSigner signer, String issuer, String audience, Duration duration) {}

    private Signing signingFor(Realm realm) {
        SigningRealmSettings own = realm.settings(SigningRealmSettings.class);
        if (own.useRealmCertificateKey()) {
            return new Signing(
                    realms.get(realm.id()),
                    own.certificateIssuer(),
                    own.certificateAudience(),
                    own.certificateDuration());
        }
        return new Signing(system.get(Boolean.TRUE), settings.issuer(), settings.audience(), settings.duration());
    }

    /** The 10-minute interval number of the symptom date's UTC midnight, as the key server reads it. */
    static long symptomOnsetInterval(LocalDate symptomDate) {
        return symptomDate.atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 600;
    }

    @EventListener
    void onRealmSettingsChanged(RealmSettingsChanged changed) {
        forget(changed.after().id());
    }

    /** Drops the realm's signer in every process, after the transaction that changed its keys commits. */
    void forget(RealmId realm) {
        invalidation.publish(CACHE, realm.toString());
    }
}
