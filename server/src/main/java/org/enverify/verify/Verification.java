package org.enverify.verify;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.enverify.code.CodeClaims;
import org.enverify.events.EventType;
import org.enverify.events.Events;
import org.enverify.platform.Refusal;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.realm.RealmId;
import org.enverify.realm.TestType;
import org.enverify.signing.TokenSettings;
import org.enverify.signing.TokenSigner;
import org.enverify.stats.PhoneOs;
import org.enverify.stats.RealmCounters;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step one of the device protocol: one short transaction claims the code, stores the token and
 * counts the outcome. A refused claim is counted and changes nothing else.
 */
@Service
public class Verification {

    static final int TOKEN_ID_BYTES = 96;

    private final CodeClaims claims;
    private final TokenRepository tokens;
    private final TokenSigner signer;
    private final TokenSettings tokenSettings;
    private final RealmCounters counters;
    private final TransactionTemplate transactions;
    private final Events events;
    private final Clock clock;

    Verification(
            CodeClaims claims,
            TokenRepository tokens,
            TokenSigner signer,
            TokenSettings tokenSettings,
            RealmCounters counters,
            TransactionTemplate transactions,
            Events events,
            Clock clock) {
        this.claims = claims;
        this.tokens = tokens;
        this.signer = signer;
        this.tokenSettings = tokenSettings;
        this.counters = counters;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param apiKeyId the DEVICE key that asked, whose statistics count the outcome
     * @param nonce the decoded nonce the phone sent, which a user-report code it asked for needs; or null
     * @param os the phone's operating system, by which the statistics count refusals
     * @throws Refusal with the contract's error when the code cannot be claimed
     */
    public VerifiedCode verify(
            RealmId realm, long apiKeyId, String code, Set<TestType> accepted, byte[] nonce, PhoneOs os) {
        Instant now = clock.instant();
        Object result = transactions.execute(status -> {
            CodeClaims.Outcome outcome = claims.claim(realm, code, accepted, nonce, now);
            if (outcome instanceof CodeClaims.Refused refused) {
                if (refused.countsAsInvalid()) {
                    counters.codeInvalid(realm, apiKeyId, os, refused.wrongNonce());
                }
                return refused;
            }
            CodeClaims.Claimed claimed = (CodeClaims.Claimed) outcome;
            String tokenId =
                    Base64.getEncoder().withoutPadding().encodeToString(CryptoProvider.randomBytes(TOKEN_ID_BYTES));
            Instant expiresAt = now.plus(tokenSettings.duration());
            TokenSubject subject = new TokenSubject(claimed.testType(), claimed.symptomDate(), claimed.testDate());
            String token = signer.sign(new JWTClaimsSet.Builder()
                    .issuer(tokenSettings.issuer())
                    .audience(tokenSettings.issuer())
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(expiresAt))
                    .jwtID(tokenId)
                    .subject(subject.encode())
                    .build());
            // the token and its event in one statement: one round trip fewer in the claim's transaction
            events.recordFor(
                    tokens.insert(
                            realm,
                            tokenHash(tokenId),
                            claimed.uuid(),
                            claimed.testType(),
                            claimed.symptomDate(),
                            claimed.testDate(),
                            expiresAt,
                            now),
                    realm,
                    EventType.CODE_CLAIMED,
                    Map.of(
                            "uuid",
                            claimed.uuid().toString(),
                            "testType",
                            claimed.testType().apiName()));
            counters.codeClaimed(realm, apiKeyId, claimed.testType(), Duration.between(claimed.issuedAt(), now));
            return new VerifiedCode(claimed.testType(), claimed.symptomDate(), claimed.testDate(), token);
        });
        if (result instanceof CodeClaims.Refused refused) {
            throw Refusal.of(refused.error(), refused.message());
        }
        return (VerifiedCode) result;
    }

    static byte[] tokenHash(String tokenId) {
        return CryptoProvider.sha256(tokenId.getBytes(StandardCharsets.US_ASCII));
    }
}
