package org.enverify.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.realm.TestType;
import org.enverify.signing.HmacKeyring;
import org.enverify.signing.HmacPurpose;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A claim that claims nothing tells from its own statement whether the realm holds the code at all: a
 * code that does not exist is refused without the second statement that explains other refusals.
 */
@EnverifyIntegrationTest
class ClaimAttemptIntegrationTests {

    private static final List<String> EVERY_TYPE =
            Arrays.stream(TestType.values()).map(TestType::apiName).toList();

    @Autowired
    CodeRepository repository;

    @Autowired
    Codes codes;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    HmacKeyring hmacs;

    @Autowired
    Clock clock;

    TestRealm realm;
    TestRealm otherRealm;

    @BeforeEach
    void setUp() {
        realm = TestRealm.create(realms, apiKeys);
        otherRealm = TestRealm.create(realms, apiKeys);
    }

    @Test
    void aCodeNoRealmHoldsIsKnownToBeAbsent() {
        assertThat(attempt(realm, "12345678")).isEqualTo(CodeRepository.ClaimAttempt.NO_SUCH_CODE);
    }

    @Test
    void aLiveCodeIsClaimedAndThenStoredButNotClaimable() {
        IssuedCode issued = issue(realm);

        CodeRepository.ClaimAttempt first = attempt(realm, issued.code());
        assertThat(first.claimed())
                .hasValueSatisfying(row -> assertThat(row.uuid()).isEqualTo(issued.uuid()));
        assertThat(first.codeStored()).isTrue();

        assertThat(attempt(realm, issued.code())).isEqualTo(CodeRepository.ClaimAttempt.NOT_CLAIMABLE);
    }

    @Test
    void anotherRealmsCodeIsAbsentHereAndStaysClaimableThere() {
        IssuedCode issued = issue(otherRealm);

        assertThat(attempt(realm, issued.code())).isEqualTo(CodeRepository.ClaimAttempt.NO_SUCH_CODE);
        assertThat(attempt(otherRealm, issued.code()).claimed()).isPresent();
    }

    @Test
    void aCodeOfATypeNotAcceptedIsStoredButNotClaimed() {
        IssuedCode issued = issue(realm);

        CodeRepository.ClaimAttempt attempt = repository.claim(
                realm.id(), macs(issued.code()), List.of("likely"), new byte[0], clock.instant(), List.of());

        assertThat(attempt).isEqualTo(CodeRepository.ClaimAttempt.NOT_CLAIMABLE);
        assertThat(attempt(realm, issued.code()).claimed()).isPresent();
    }

    private CodeRepository.ClaimAttempt attempt(TestRealm in, String code) {
        return repository.claim(in.id(), macs(code), EVERY_TYPE, new byte[0], clock.instant(), List.of());
    }

    private List<byte[]> macs(String code) {
        return hmacs.macsForLookup(HmacPurpose.CODE, code.getBytes(StandardCharsets.UTF_8));
    }

    private IssuedCode issue(TestRealm in) {
        long adminKeyId = apiKeys.authenticate(in.adminKey(), ApiKeyType.ADMIN)
                .orElseThrow()
                .keyId();
        return codes.issue(
                realms.find(in.id()).orElseThrow(),
                Issuer.apiKey(adminKeyId),
                new IssueCodeCommand(null, null, "confirmed", null, null, null, null, null, false));
    }
}
