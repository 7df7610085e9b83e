package org.enverify.verify;

import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
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

/**
 * Step one of the device protocol: one statement claims the code and stores its token and event (a claim that
 * accepts user-report codes marks the report too, in the same statement; see {@link CodeClaims#claim}), then
 * the token is signed and the outcome counted. A refused claim is counted and changes nothing else.
 */
@Service
public class Verification {

    static final int TOKEN_ID_BYTES = 96;

    private final CodeClaims claims;
    private final TokenRepository tokens;
    private final TokenSigner signer;
    private final TokenSettings tokenSettings;
    private final RealmCounters counters;
    private final Events events;
    private final Clock clock;

    Verification(
            CodeClaims claims,
            TokenRepository tokens,
            TokenSigner signer,
            TokenSettings tokenSettings,
            RealmCounters counters,
            Events events,
            Clock clock) {
        this.claims = claims;
        this.tokens = tokens;
        this.signer = signer;
        this.tokenSettings = tokenSettings;
        this.counters = counters;
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
        TokenSigner.ActiveKey key = signer.activeKey();
        String tokenId =
                Base64.getEncoder().withoutPadding().encodeToString(CryptoProvider.randomBytes(TOKEN_ID_BYTES));
        Instant expiresAt = now.plus(tokenSettings.duration());
        // the claim, its token and its event in one statement: they commit together, in one round trip
        CodeClaims.Outcome outcome = claims.claim(
                realm,
                code,
                accepted,
                nonce,
                now,
                List.of(
                        tokens.insertForClaimedCode(realm, tokenHash(tokenId), expiresAt, now),
                        events.insertForEachRowOf(
                                CodeClaims.CLAIMED_ROWS,
                                realm,
                                EventType.CODE_CLAIMED,
                                Map.of("uuid", "uuid", "testType", "test_type"))));
        if (outcome instanceof CodeClaims.Refused refused) {
            if (refused.countsAsInvalid()) {
                counters.codeInvalid(realm, apiKeyId, os, refused.wrongNonce());
            }
            throw Refusal.of(refused.error(), refused.message());
        }
        CodeClaims.Claimed claimed = (CodeClaims.Claimed) outcome;
        TokenSubject subject = new TokenSubject(claimed.testType(), claimed.symptomDate(), claimed.testDate());
        String token = key.sign(new JWTClaimsSet.Builder()
                .issuer(tokenSettings.issuer())
                .audience(tokenSettings.issuer())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(tokenId)
                .subject(subject.encode())
                .build());
        counters.codeClaimed(realm, apiKeyId, claimed.testType(), Duration.between(claimed.issuedAt(), now));
        return new VerifiedCode(claimed.testType(), claimed.symptomDate(), claimed.testDate(), token);
    }

    static byte[] tokenHash(String tokenId) {
        return CryptoProvider.sha256(tokenId.getBytes(StandardCharsets.US_ASCII));
    }
}
