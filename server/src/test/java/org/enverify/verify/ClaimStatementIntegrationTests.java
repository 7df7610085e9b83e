package org.enverify.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.code.CodeClaims;
import org.enverify.code.Codes;
import org.enverify.code.IssueCodeCommand;
import org.enverify.code.IssuedCode;
import org.enverify.code.Issuer;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.realm.TestType;
import org.enverify.stats.PhoneOs;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A verify claims the code and stores its token and event in one statement: all three commit, or none. */
@EnverifyIntegrationTest
class ClaimStatementIntegrationTests {

    @Autowired
    Verification verification;

    @Autowired
    CodeClaims claims;

    @Autowired
    TokenRepository tokens;

    @Autowired
    Codes codes;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    Realm realm;
    long adminKeyId;
    long deviceKeyId;

    @BeforeEach
    void setUp() {
        TestRealm test = TestRealm.create(realms, apiKeys);
        realm = realms.find(test.id()).orElseThrow();
        adminKeyId = apiKeys.authenticate(test.adminKey(), ApiKeyType.ADMIN)
                .orElseThrow()
                .keyId();
        deviceKeyId = apiKeys.authenticate(test.deviceKey(), ApiKeyType.DEVICE)
                .orElseThrow()
                .keyId();
    }

    @Test
    void aVerifiedCodeHasOneTokenAndOneClaimedEventNamingItsUuidAndTestType() {
        IssuedCode issued = issue();

        VerifiedCode verified = verification.verify(
                realm.id(), deviceKeyId, issued.code(), Set.of(TestType.CONFIRMED), null, PhoneOs.IOS);

        assertThat(verified.testType()).isEqualTo(TestType.CONFIRMED);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM tokens WHERE realm_id = ? AND code_uuid = ? AND test_type = 'confirmed'")
                        .params(realm.id().value(), issued.uuid())
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(jdbc.sql("SELECT data::text FROM events WHERE realm_id = ? AND type = 'code.claimed'")
                        .param(realm.id().value())
                        .query(String.class)
                        .list())
                .containsExactly("{\"uuid\": \"" + issued.uuid() + "\", \"testType\": \"confirmed\"}");
    }

    @Test
    void aClaimWhoseTokenCannotBeStoredLeavesTheCodeUnclaimedAndRecordsNoEvent() {
        IssuedCode issued = issue();
        byte[] takenHash = CryptoProvider.randomBytes(32);
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO tokens (realm_id, token_hash, code_uuid, test_type, expires_at, created_at)
                        VALUES (?, ?, ?, 'confirmed', ?, ?)""")
                .params(
                        realm.id().value(),
                        takenHash,
                        UUID.randomUUID(),
                        Timestamp.from(now.plus(Duration.ofDays(1))),
                        Timestamp.from(now))
                .update();

        assertThatThrownBy(() -> claims.claim(
                        realm.id(),
                        issued.code(),
                        Set.of(TestType.CONFIRMED),
                        null,
                        now,
                        List.of(tokens.insertForClaimedCode(realm.id(), takenHash, now.plus(Duration.ofDays(1)), now))))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(jdbc.sql("SELECT claimed_at IS NULL FROM verification_codes WHERE realm_id = ? AND uuid = ?")
                        .params(realm.id().value(), issued.uuid())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM events WHERE realm_id = ? AND type = 'code.claimed'")
                        .param(realm.id().value())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(verification
                        .verify(realm.id(), deviceKeyId, issued.code(), Set.of(TestType.CONFIRMED), null, PhoneOs.IOS)
                        .testType())
                .isEqualTo(TestType.CONFIRMED);
    }

    private IssuedCode issue() {
        return codes.issue(
                realm,
                Issuer.apiKey(adminKeyId),
                new IssueCodeCommand(null, null, "confirmed", null, null, null, null, null, false));
    }
}
