package org.enverify.verify;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.events.EventType;
import org.enverify.events.Events;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Realm;
import org.enverify.signing.CertificateSigners;
import org.enverify.signing.TokenSettings;
import org.enverify.signing.TokenSigner;
import org.enverify.stats.RealmCounters;
import org.springframework.stereotype.Service;

/**
 * Step two of the device protocol: a token of ours and the phone's TEK HMAC become a certificate.
 * The certificate is signed before the token is spent, and returned only if spending it succeeds.
 * Spending is one statement that commits on its own: a transaction around it would only add a round
 * trip to the database.
 */
@Service
public class Certification {

    static final int HMAC_BYTES = 32;

    private final TokenSigner tokenSigner;
    private final TokenSettings tokenSettings;
    private final CertificateSigners certificateSigners;
    private final TokenRepository tokens;
    private final RealmCounters counters;
    private final Events events;
    private final Clock clock;

    Certification(
            TokenSigner tokenSigner,
            TokenSettings tokenSettings,
            CertificateSigners certificateSigners,
            TokenRepository tokens,
            RealmCounters counters,
            Events events,
            Clock clock) {
        this.tokenSigner = tokenSigner;
        this.tokenSettings = tokenSettings;
        this.certificateSigners = certificateSigners;
        this.tokens = tokens;
        this.counters = counters;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param apiKeyId the DEVICE key that asked, whose statistics count the outcome
     * @throws Refusal {@code token_invalid}, {@code hmac_invalid} or {@code token_expired}
     */
    public String certify(Realm realm, long apiKeyId, String token, String ekeyhmac) {
        Instant now = clock.instant();
        ValidToken valid = validToken(token, now);
        TokenSubject subject = valid.subject();
        if (!isThirtyTwoBytes(ekeyhmac)) {
            throw Refusal.of(ErrorCode.HMAC_INVALID, "ekeyhmac must be the base64 of a 32-byte HMAC");
        }
        String certificate = certificateSigners.sign(realm, subject.testType(), subject.symptomDate(), ekeyhmac);
        byte[] hash = Verification.tokenHash(valid.id());
        // the spend and its event in one statement: one round trip, no transaction to begin and commit
        boolean spent = events.recordFor(
                        tokens.use(
                                realm.id(), hash, subject.testType(), subject.symptomDate(), subject.testDate(), now),
                        realm.id(),
                        EventType.CERTIFICATE_ISSUED,
                        Map.of("testType", subject.testType().apiName()))
                == 1;
        if (spent) {
            counters.tokenClaimed(realm.id(), apiKeyId, subject.testType());
        } else if (!tokens.used(realm.id(), hash).orElse(false)) {
            counters.tokenInvalid(realm.id(), apiKeyId);
        }
        if (!spent) {
            throw Refusal.of(ErrorCode.TOKEN_EXPIRED, "verification token expired or already used");
        }
        return certificate;
    }

    private record ValidToken(String id, TokenSubject subject) {}

    private ValidToken validToken(String token, Instant now) {
        Optional<JWTClaimsSet> verified = token == null ? Optional.empty() : tokenSigner.verifiedClaims(token);
        JWTClaimsSet claims = verified.orElseThrow(Certification::invalidToken);
        Date expiration = claims.getExpirationTime();
        Date issuedAt = claims.getIssueTime();
        List<String> audience = claims.getAudience();
        if (expiration == null
                || !expiration.toInstant().isAfter(now)
                || (issuedAt != null && issuedAt.toInstant().isAfter(now))
                || !tokenSettings.issuer().equals(claims.getIssuer())
                || audience == null
                || audience.size() != 1
                || !tokenSettings.issuer().equals(audience.getFirst())
                || claims.getJWTID() == null) {
            throw invalidToken();
        }
        TokenSubject subject = TokenSubject.decode(claims.getSubject()).orElseThrow(Certification::invalidToken);
        return new ValidToken(claims.getJWTID(), subject);
    }

    /** Standard or URL alphabet, padded or not: the phone's encoding is its own business. */
    static boolean isThirtyTwoBytes(String ekeyhmac) {
        if (ekeyhmac == null || ekeyhmac.length() > 64) {
            return false;
        }
        String urlSafe = ekeyhmac.replace('+', '-').replace('/', '_').replaceAll("=+$", "");
        try {
            return Base64.getUrlDecoder().decode(urlSafe).length == HMAC_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Refusal invalidToken() {
        return Refusal.of(ErrorCode.TOKEN_INVALID, "verification token invalid");
    }
}
