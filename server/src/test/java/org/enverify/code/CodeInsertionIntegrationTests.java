package org.enverify.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.events.EventType;
import org.enverify.events.Events;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.realm.TestType;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A code stored with its event in one statement: both or neither. */
@EnverifyIntegrationTest
class CodeInsertionIntegrationTests {

    @Autowired
    CodeRepository repository;

    @Autowired
    Events events;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void aCodeThatCollidesIsNotStoredAndRecordsNoEvent() {
        RealmId realm = TestRealm.create(realms, apiKeys).id();
        CodeRepository.NewCode stored = code(realm, UUID.randomUUID(), "12345678", "longcode1");

        int first = storeWithEvent(stored);
        int sameUuid = storeWithEvent(code(realm, stored.uuid(), "87654321", "longcode2"));
        int sameShortCode = storeWithEvent(code(realm, UUID.randomUUID(), "12345678", "longcode3"));
        int sameLongCode = storeWithEvent(code(realm, UUID.randomUUID(), "11111111", "longcode1"));

        assertThat(first).isEqualTo(1);
        assertThat(sameUuid).isZero();
        assertThat(sameShortCode).isZero();
        assertThat(sameLongCode).isZero();
        assertThat(jdbc.sql("SELECT uuid FROM verification_codes WHERE realm_id = ?")
                        .param(realm.value())
                        .query(UUID.class)
                        .list())
                .containsExactly(stored.uuid());
        assertThat(jdbc.sql("SELECT data->>'uuid' FROM events WHERE realm_id = ? AND type = 'code.issued'")
                        .param(realm.value())
                        .query(String.class)
                        .list())
                .containsExactly(stored.uuid().toString());
    }

    private int storeWithEvent(CodeRepository.NewCode code) {
        return events.recordFor(
                repository.insertionUnlessTaken(code),
                code.realm(),
                EventType.CODE_ISSUED,
                Map.of(
                        "uuid",
                        code.uuid().toString(),
                        "testType",
                        code.testType().apiName()));
    }

    private CodeRepository.NewCode code(RealmId realm, UUID uuid, String shortCode, String longCode) {
        Instant now = clock.instant();
        return new CodeRepository.NewCode(
                realm,
                uuid,
                shortCode.getBytes(StandardCharsets.UTF_8),
                longCode.getBytes(StandardCharsets.UTF_8),
                TestType.CONFIRMED,
                null,
                null,
                now.plus(Duration.ofMinutes(15)),
                now.plus(Duration.ofHours(24)),
                null,
                null,
                null,
                null,
                null,
                now);
    }
}
