package org.enverify.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.enverify.abuse.RealmQuota;
import org.enverify.account.Memberships;
import org.enverify.account.PermissionEscalationException;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.apikey.CreatedApiKey;
import org.enverify.jobs.Jobs;
import org.enverify.jobs.PeriodicTasks;
import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileApps;
import org.enverify.mobileapp.NewMobileApp;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
import org.enverify.stats.keyserver.KeyServerStats;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Every wired mutation writes one entry in its transaction; the chain detects tampering and survives retention. */
@EnverifyIntegrationTest
class AuditTrailIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RealmQuota quota;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    MobileApps mobileApps;

    @Autowired
    KeyServerStats keyServerStats;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditEntries auditEntries;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    OldAuditEntries retention;

    @Autowired
    PeriodicTasks tasks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MutableClock clock;

    /** What each change records, for whom, and how entries chain. */
    @Nested
    class WhatIsRecorded {

        @Test
        void realmCreationAndChangedSettingsAreRecordedWithTheirActor() {
            Realm realm = realms.create("audit-" + UUID.randomUUID(), Map.of("require_date", "false"), Actor.user(7));
            realms.update(realm.id(), Map.of("code_length", "6", "require_date", "false"), Actor.user(8));
            realms.update(realm.id(), Map.of("code_length", "6"), Actor.user(8));

            List<AuditEntry> entries = entriesOf(realm.id());
            assertThat(entries)
                    .extracting(AuditEntry::seq, AuditEntry::actor, AuditEntry::action, AuditEntry::target)
                    .as("an update that changes nothing records nothing")
                    .containsExactly(
                            tuple(1L, "users:7", "realm.create", "realms:" + realm.id()),
                            tuple(2L, "users:7", "realm.update", "realms:" + realm.id()),
                            tuple(3L, "users:8", "realm.update", "realms:" + realm.id()));
            assertThat(entries.get(0).diff())
                    .containsEntry("name", new AuditChange(null, realm.name()))
                    .containsEntry("code_length", new AuditChange(null, "8"));
            assertThat(entries.get(1).diff()).containsOnlyKeys("require_date");
            assertThat(entries.get(2).diff())
                    .containsExactlyEntriesOf(Map.of("code_length", new AuditChange("8", "6")));
            assertThat(verifier.verifyChain(realm.id().value()).intact()).isTrue();
        }

        @Test
        void switchingToTheRealmKeyRecordsTheKeyItCreatesForTheSameActor() {
            Realm realm = realms.create("audit-" + UUID.randomUUID(), Map.of(), Actor.cli());
            realms.update(
                    realm.id(),
                    Map.of(
                            "certificate_issuer", "iss",
                            "certificate_audience", "aud",
                            "use_realm_certificate_key", "true"),
                    Actor.user(3));

            assertThat(entriesOf(realm.id()))
                    .extracting(AuditEntry::actor, AuditEntry::action)
                    .containsExactly(
                            tuple("cli", "realm.create"),
                            tuple("users:3", "realm.update"),
                            tuple("users:3", "certificate_key.create"));
        }

        @Test
        void apiKeyCreationAndDisablingAreRecorded() {
            Realm realm = realms.create("audit-" + UUID.randomUUID(), Map.of(), Actor.cli());
            CreatedApiKey key = apiKeys.create(realm.id(), ApiKeyType.ADMIN, "pha system", Actor.user(4));
            long id = key.summary().id();
            apiKeys.disable(realm.id(), id, Actor.user(5));
            apiKeys.enable(realm.id(), id, Actor.cli());

            List<AuditEntry> entries = entriesOf(realm.id()).subList(1, 4);
            assertThat(entries)
                    .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::target)
                    .containsExactly(
                            tuple("users:4", "apikey.create", "apikeys:" + id),
                            tuple("users:5", "apikey.disable", "apikeys:" + id),
                            tuple("cli", "apikey.enable", "apikeys:" + id));
            assertThat(entries.get(0).diff())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "name", new AuditChange(null, "pha system"),
                            "type", new AuditChange(null, "ADMIN"),
                            "enabled", new AuditChange(null, "true")));
            assertThat(entries.get(1).diff())
                    .containsExactlyEntriesOf(Map.of("enabled", new AuditChange("true", "false")));
            assertThat(rawDiffs(realm.id()))
                    .as("no part of the key is recorded")
                    .doesNotContain(key.key().substring(0, 12));
        }

        @Test
        void codeExpiryThroughTheAdminApiIsRecordedForItsKey(TestRealm realm, ApiClient api) {
            long adminKeyId = apiKeys.list(realm.id()).stream()
                    .filter(k -> k.type() == ApiKeyType.ADMIN)
                    .findFirst()
                    .orElseThrow()
                    .id();
            String uuid = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                    .json()
                    .path("uuid")
                    .asString();
            int before = entriesOf(realm.id()).size();

            assertThat(api.post("/api/expirecode", realm.adminKey(), Map.of("uuid", uuid))
                            .status())
                    .isEqualTo(200);
            assertThat(api.post("/api/expirecode", realm.adminKey(), Map.of("uuid", uuid))
                            .status())
                    .as("already expired: nothing changes")
                    .isEqualTo(200);
            assertThat(api.post(
                                    "/api/expirecode",
                                    realm.adminKey(),
                                    Map.of("uuid", UUID.randomUUID().toString()))
                            .status())
                    .isEqualTo(404);

            List<AuditEntry> entries = entriesOf(realm.id());
            assertThat(entries).hasSize(before + 1);
            AuditEntry expired = entries.getLast();
            assertThat(expired.actor()).isEqualTo("apikeys:" + adminKeyId);
            assertThat(expired.action()).isEqualTo("code.expire");
            assertThat(expired.target()).isEqualTo("codes:" + uuid);
            assertThat(expired.diff()).containsOnlyKeys("expires_at", "long_expires_at");
        }

        @Test
        void codeExpiryInTheWebUiIsRecordedForTheSignedInUser(TestRealm realm, UiClient browser, ApiClient api) {
            User worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
            String uuid = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                    .json()
                    .path("uuid")
                    .asString();
            browser.signIn(worker.email(), TestUsers.PASSWORD);

            assertThat(browser.postConfirmed("/codes/" + uuid + "/expire", Map.of())
                            .status())
                    .isEqualTo(302);

            AuditEntry expired = entriesOf(realm.id()).getLast();
            assertThat(expired.actor()).isEqualTo("users:" + worker.id());
            assertThat(expired.action()).isEqualTo("code.expire");
            assertThat(expired.target()).isEqualTo("codes:" + uuid);
        }

        @Test
        void membershipChangesAreRecordedForTheGranter() {
            Realm realm = realms.create("audit-" + UUID.randomUUID(), Map.of(), Actor.cli());
            User member = users.create("audit-" + UUID.randomUUID() + "@example.org", "Member", false);
            Memberships.Granter admin = new Memberships.Granter(Permission.REALM_ADMIN, false, Actor.user(77));
            memberships.setPermissions(admin, realm.id(), member.id(), Set.of(Permission.CODE_READ));
            memberships.setPermissions(admin, realm.id(), member.id(), Set.of(Permission.CODE_READ));
            memberships.setPermissions(
                    admin, realm.id(), member.id(), Set.of(Permission.CODE_READ, Permission.CODE_EXPIRE));
            memberships.setPermissions(admin, realm.id(), member.id(), Set.of());
            memberships.setPermissions(admin, realm.id(), member.id(), Set.of(Permission.CODE_READ));
            memberships.remove(realm.id(), member.id(), Actor.user(78));
            assertThat(memberships.remove(realm.id(), member.id(), Actor.user(78)))
                    .isFalse();
            assertThatThrownBy(() -> memberships.setPermissions(
                            new Memberships.Granter(Set.of(Permission.CODE_READ), false, Actor.user(79)),
                            realm.id(),
                            member.id(),
                            Set.of(Permission.CODE_EXPIRE)))
                    .as("an escalation is refused and recorded nowhere")
                    .isInstanceOf(PermissionEscalationException.class);

            List<AuditEntry> entries = entriesOf(realm.id()).subList(1, 6);
            assertThat(entries)
                    .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::target)
                    .as("setting the same permissions again changes nothing")
                    .containsExactly(
                            tuple("users:77", "membership.create", "users:" + member.id()),
                            tuple("users:77", "membership.update", "users:" + member.id()),
                            tuple("users:77", "membership.delete", "users:" + member.id()),
                            tuple("users:77", "membership.create", "users:" + member.id()),
                            tuple("users:78", "membership.delete", "users:" + member.id()));
            assertThat(entriesOf(realm.id())).hasSize(6);
            assertThat(entries.get(1).diff())
                    .containsExactlyEntriesOf(
                            Map.of("permissions", new AuditChange("CODE_READ", "CODE_EXPIRE,CODE_READ")));
        }

        @Test
        void quotaBurstsMobileAppsAndKeyServerPullsAreRecorded() {
            Realm realm = realms.create("audit-" + UUID.randomUUID(), Map.of(), Actor.cli());
            quota.addBurst(realm.id(), 50, Actor.user(2));
            quota.addBurst(realm.id(), 10, Actor.user(2));
            MobileApp app = mobileApps.add(
                    realm.id(),
                    new NewMobileApp("Audit app", "ios", "ABCDE12345.org.example.app", null, List.of(), false),
                    Actor.user(2));
            mobileApps.disable(realm.id(), app.id(), Actor.cli());
            keyServerStats.enable(realm.id(), "https://keys.example.org", null, Actor.cli());
            keyServerStats.disable(realm.id(), Actor.cli());
            keyServerStats.disable(realm.id(), Actor.cli());

            List<AuditEntry> entries = entriesOf(realm.id()).subList(1, 7);
            String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
            assertThat(entries)
                    .extracting(AuditEntry::action, AuditEntry::target)
                    .as("disabling a pull that is off changes nothing")
                    .containsExactly(
                            tuple("quota.burst", "realms:" + realm.id() + "/quota/" + today),
                            tuple("quota.burst", "realms:" + realm.id() + "/quota/" + today),
                            tuple("mobileapp.create", "mobile_apps:" + app.id()),
                            tuple("mobileapp.disable", "mobile_apps:" + app.id()),
                            tuple("keyserver.enable", "realms:" + realm.id() + "/keyserver"),
                            tuple("keyserver.disable", "realms:" + realm.id() + "/keyserver"));
            assertThat(entries.get(1).diff()).containsExactlyEntriesOf(Map.of("burst", new AuditChange("50", "60")));
            assertThat(entries.get(2).diff())
                    .containsEntry("app_id", new AuditChange(null, "ABCDE12345.org.example.app"));
            assertThat(entries.get(3).diff())
                    .containsExactlyEntriesOf(Map.of("enabled", new AuditChange("true", "false")));
            assertThat(entries.get(4).diff())
                    .containsOnlyKeys("enabled", "url_override")
                    .containsEntry("enabled", new AuditChange("false", "true"));
        }

        @Test
        void keyRotationRecordsTheRealmKeysItCreatesActivatesAndDestroysAsTheSystem() throws Exception {
            TestRealm realm = TestRealm.create(
                    realms,
                    apiKeys,
                    Map.of(
                            "certificate_issuer", "audit-iss",
                            "certificate_audience", "audit-aud",
                            "use_realm_certificate_key", "true",
                            "auto_rotate_certificate_key", "true"));
            String firstKid = entriesOf(realm.id()).stream()
                    .filter(e -> e.action().equals("certificate_key.create"))
                    .findFirst()
                    .orElseThrow()
                    .diff()
                    .get("kid")
                    .after();

            clock.advance(Duration.ofHours(721));
            Jobs.runNow(tasks, "rotation");
            clock.advance(Duration.ofMinutes(61));
            Jobs.runNow(tasks, "rotation");
            clock.advance(Duration.ofMinutes(61));
            Jobs.runNow(tasks, "rotation");

            List<AuditEntry> rotations = entriesOf(realm.id()).stream()
                    .filter(e -> e.actor().equals("system"))
                    .toList();
            assertThat(rotations)
                    .extracting(AuditEntry::action)
                    .containsExactly("certificate_key.create", "certificate_key.activate", "certificate_key.destroy");
            String secondKid = rotations.get(0).diff().get("kid").after();
            assertThat(rotations.get(1).target()).isEqualTo("certificate_keys:" + secondKid);
            assertThat(rotations.get(2).target()).isEqualTo("certificate_keys:" + firstKid);
            assertThat(verifier.verifyChain(AuditLog.SYSTEM_CHAIN).intact())
                    .as("token and HMAC key rotations go to the system chain")
                    .isTrue();
        }

        @Test
        void secretsAreRedactedBeforeTheyAreStored() {
            Realm realm = realms.create("audit-" + UUID.randomUUID(), Map.of(), Actor.cli());
            transactions.executeWithoutResult(status -> auditLog.record(
                    realm.id(),
                    Actor.user(1),
                    "smtp.update",
                    "realms:" + realm.id() + "/smtp",
                    Map.of("smtp_password", "old-secret-value", "smtp_host", "a.example.org"),
                    Map.of("smtp_password", "new-secret-value", "smtp_host", "b.example.org")));

            assertThat(entriesOf(realm.id()).getLast().diff())
                    .containsEntry("smtp_password", new AuditChange("[redacted]", "[redacted]"))
                    .containsEntry("smtp_host", new AuditChange("a.example.org", "b.example.org"));
            assertThat(rawDiffs(realm.id())).doesNotContain("secret-value");
        }

        @Test
        void aRefusedOrRolledBackMutationLeavesNoEntry() {
            Realm realm = realms.create("audit-" + UUID.randomUUID(), Map.of(), Actor.cli());
            CreatedApiKey key = apiKeys.create(realm.id(), ApiKeyType.DEVICE, "app", Actor.cli());
            int before = entriesOf(realm.id()).size();

            assertThatThrownBy(() -> realms.update(realm.id(), Map.of("code_length", "99"), Actor.user(1)))
                    .isInstanceOf(RealmSettingsRefused.class);
            assertThatThrownBy(() -> apiKeys.create(realm.id(), ApiKeyType.DEVICE, "app", Actor.user(1)))
                    .isInstanceOf(Refusal.class);
            assertThatThrownBy(() -> quota.addBurst(realm.id(), 0, Actor.user(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            transactions.executeWithoutResult(status -> {
                apiKeys.disable(key.summary().realm(), key.summary().id(), Actor.user(1));
                status.setRollbackOnly();
            });

            assertThat(entriesOf(realm.id())).hasSize(before);
            assertThat(apiKeys.find(realm.id(), key.summary().id())
                            .orElseThrow()
                            .enabled())
                    .isTrue();
            assertThatThrownBy(() -> auditLog.record(realm.id(), Actor.cli(), "x", "y", Map.of(), Map.of()))
                    .as("an entry outside the mutation's transaction is refused")
                    .isInstanceOf(IllegalTransactionStateException.class);
            assertThatThrownBy(() -> transactions.executeWithoutResult(
                            status -> auditLog.record(realm.id(), Actor.cli(), " ", "y", Map.of(), Map.of())))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Actor("users:0")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Actor("root")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void concurrentAppendsToOneRealmKeepOneValidChain() throws Exception {
            Realm realm = realms.create("audit-" + UUID.randomUUID(), Map.of(), Actor.cli());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    writers.add(pool.submit(() -> transactions.executeWithoutResult(status -> auditLog.record(
                            realm.id(), Actor.user(n + 1), "test.write", "writes:" + n, Map.of(), Map.of("n", n)))));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
            } finally {
                pool.shutdown();
            }

            List<AuditEntry> entries = entriesOf(realm.id());
            assertThat(entries).extracting(AuditEntry::seq).containsExactlyElementsOf(range(1, 42));
            assertThat(entries.subList(1, 41))
                    .extracting(AuditEntry::target)
                    .doesNotHaveDuplicates()
                    .hasSize(40);
            AuditVerifier.Verification verification =
                    verifier.verifyChain(realm.id().value());
            assertThat(verification.breaks()).isEmpty();
            assertThat(verification.entries()).isEqualTo(41);
        }

        @Test
        void theOperatorsGuidesSqlBuildsTheObjectThatIsHashed() {
            RealmId realm = realmWithEntries(2);
            String fromSql =
                    jdbc.sql("""
                SELECT json_build_object('action', action, 'actor', actor,
                    'created_at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    'diff', diff, 'previous_hash', previous_hash, 'realm_id', realm_id, 'seq', seq, 'target', target)
                FROM audit_entries WHERE realm_id = ? AND seq = 2""").param(realm.value()).query(String.class).single();
            StoredRow stored = row(realm, 2);
            AuditEntry entry = entriesOf(realm).get(1);

            assertThat(JSON.readTree(fromSql))
                    .isEqualTo(JSON.readTree(EntryHash.canonical(entry, stored.previousHash())));
            assertThat(EntryHash.of(entry, stored.previousHash())).isEqualTo(stored.hash());
        }
    }

    /** No entry is changed or deleted without the database refusing it or verification naming it. */
    @Nested
    class WhatCannotHappenUnnoticed {

        @Test
        void theDatabaseRefusesToChangeOrDeleteEntries() {
            Realm realm = realms.create("audit-" + UUID.randomUUID(), Map.of(), Actor.cli());
            long id = realm.id().value();

            assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entries SET actor = 'cli' WHERE realm_id = ?")
                            .param(id)
                            .update())
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entries WHERE realm_id = ?")
                            .param(id)
                            .update())
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("not covered by a retention checkpoint");
            assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_entries").update())
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbc.sql("UPDATE audit_chains SET last_seq = 0 WHERE realm_id = ?")
                            .param(id)
                            .update())
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("only move forward");
            assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_chains WHERE realm_id = ?")
                            .param(id)
                            .update())
                    .isInstanceOf(DataAccessException.class);
            assertThat(entriesOf(realm.id())).hasSize(1);
        }

        @Test
        void verificationNamesAnEntryWhoseContentWasChanged() {
            RealmId realm = realmWithEntries(3);
            StoredRow second = row(realm, 2);
            asSuperuser(
                    "UPDATE audit_entries SET diff = '{\"name\":{\"after\":\"forged\",\"before\":null}}' WHERE realm_id = ? AND seq = 2",
                    realm.value());
            try {
                assertThat(verifier.verifyChain(realm.value()).breaks())
                        .extracting(b -> b.seq(), b -> b.problem())
                        .containsExactly(tuple(2L, AuditVerifier.Problem.HASH_MISMATCH));
            } finally {
                asSuperuser(
                        "UPDATE audit_entries SET diff = ?::jsonb WHERE realm_id = ? AND seq = 2",
                        second.diff(),
                        realm.value());
            }
            assertThat(verifier.verifyChain(realm.value()).intact()).isTrue();
        }

        @Test
        void verificationNamesTheEntryAfterOneWhoseHashWasRecomputed() {
            RealmId realm = realmWithEntries(3);
            StoredRow second = row(realm, 2);
            AuditEntry entry = entriesOf(realm).get(1);
            AuditEntry forged = new AuditEntry(
                    entry.chain(), 2, entry.createdAt(), "users:99", entry.action(), entry.target(), entry.diff());
            asSuperuser(
                    "UPDATE audit_entries SET actor = 'users:99', hash = ? WHERE realm_id = ? AND seq = 2",
                    EntryHash.of(forged, second.previousHash()),
                    realm.value());
            try {
                AuditVerifier.ChainBreak broken =
                        verifier.verifyChain(realm.value()).breaks().getFirst();
                assertThat(broken.seq()).isEqualTo(3);
                assertThat(broken.problem()).isEqualTo(AuditVerifier.Problem.BROKEN_LINK);
                assertThat(broken.describe())
                        .isEqualTo("realm " + realm
                                + ", entry 3: broken link: its previous hash is not the hash of entry 2");
            } finally {
                asSuperuser(
                        "UPDATE audit_entries SET actor = ?, hash = ? WHERE realm_id = ? AND seq = 2",
                        second.actor(),
                        second.hash(),
                        realm.value());
            }
        }

        @Test
        void verificationNamesDeletedEntriesInTheMiddleAndAtTheEnd() {
            RealmId realm = realmWithEntries(4);
            StoredRow second = row(realm, 2);
            StoredRow last = row(realm, 4);
            asSuperuser("DELETE FROM audit_entries WHERE realm_id = ? AND seq IN (2, 4)", realm.value());
            try {
                assertThat(verifier.verifyChain(realm.value()).breaks())
                        .extracting(AuditVerifier.ChainBreak::describe)
                        .containsExactly("realm " + realm + ", entry 3: broken link: entry 2 is missing before it");
                second.restore(jdbc);
                assertThat(verifier.verifyChain(realm.value()).breaks())
                        .extracting(AuditVerifier.ChainBreak::describe)
                        .containsExactly("realm " + realm
                                + ", entry 4: broken link: entry 4 is missing, though the chain's head names entry 4");
            } finally {
                restoreIfMissing(second);
                restoreIfMissing(last);
            }
            assertThat(verifier.verifyChain(realm.value()).intact()).isTrue();
        }
    }

    /** Retention deletes old entries only from the start of a chain. */
    @Nested
    class Retention {

        @Test
        void retentionDeletesOldPrefixesOnlyAndTheChainStillVerifies() {
            clock.freeze();
            RealmId realm = realmWithEntries(2);
            clock.advance(Duration.ofDays(20));
            realms.update(realm, Map.of("code_length", "7"), Actor.user(1));
            clock.advance(Duration.ofDays(11));

            retention.clean(clock.instant());

            assertThat(entriesOf(realm))
                    .extracting(AuditEntry::seq)
                    .as("entries 1 and 2 were 31 days old, entry 3 eleven days")
                    .containsExactly(3L);
            assertThat(jdbc.sql("SELECT pruned_seq FROM audit_chains WHERE realm_id = ?")
                            .param(realm.value())
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
            assertThat(verifier.verifyChain(realm.value()).intact()).isTrue();
            retention.clean(clock.instant());
            assertThat(entriesOf(realm))
                    .as("a second run finds nothing more to delete")
                    .hasSize(1);

            clock.advance(Duration.ofDays(30));
            retention.clean(clock.instant());
            assertThat(entriesOf(realm)).isEmpty();
            assertThat(verifier.verifyChain(realm.value()).intact())
                    .as("a chain emptied by retention verifies against its checkpoint")
                    .isTrue();
            realms.update(realm, Map.of("code_length", "6"), Actor.user(1));
            assertThat(entriesOf(realm)).extracting(AuditEntry::seq).containsExactly(4L);
            assertThat(verifier.verifyChain(realm.value()).intact()).isTrue();
        }

        @Test
        void retentionLeavesAChainWhoseOldEntriesDoNotVerify() {
            clock.freeze();
            RealmId realm = realmWithEntries(3);
            StoredRow first = row(realm, 1);
            asSuperuser("UPDATE audit_entries SET actor = 'users:66' WHERE realm_id = ? AND seq = 1", realm.value());
            clock.advance(Duration.ofDays(31));
            try {
                assertThatThrownBy(() -> retention.clean(clock.instant()))
                        .hasMessageContaining("realm " + realm + ", entry 1: hash mismatch");
                assertThat(entriesOf(realm)).hasSize(3);
            } finally {
                asSuperuser(
                        "UPDATE audit_entries SET actor = ? WHERE realm_id = ? AND seq = 1",
                        first.actor(),
                        realm.value());
            }
            retention.clean(clock.instant());
            assertThat(entriesOf(realm)).isEmpty();
        }
    }

    /** What a realm's pages show of its trail. */
    @Nested
    class Reading {

        @Test
        void aRealmsPagesShowOnlyItsOwnEntriesFilteredByDayActorAndAction() {
            clock.freeze();
            RealmId a = realmWithEntries(3);
            RealmId b = realmWithEntries(2);
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            clock.advance(Duration.ofDays(2));
            realms.update(a, Map.of("code_length", "6"), Actor.user(42));

            AuditPage all = auditEntries.page(a, AuditQuery.all(0, 2));
            assertThat(all.total()).isEqualTo(4);
            assertThat(all.hasNext()).isTrue();
            assertThat(all.entries()).extracting(AuditEntry::seq).containsExactly(4L, 3L);
            assertThat(auditEntries.page(a, AuditQuery.all(1, 2)).entries())
                    .extracting(AuditEntry::seq)
                    .containsExactly(2L, 1L);
            assertThat(auditEntries.page(b, AuditQuery.all(0, 50)).entries())
                    .hasSize(2)
                    .allSatisfy(entry -> {
                        assertThat(entry.chain()).isEqualTo(b.value());
                        assertThat(entry.target()).startsWith("realms:" + b);
                    });
            assertThat(auditEntries
                            .page(a, new AuditQuery(null, null, "users:42", null, false, 0, 50))
                            .entries())
                    .extracting(AuditEntry::seq)
                    .containsExactly(4L);
            assertThat(auditEntries
                            .page(a, new AuditQuery(today, today, null, null, false, 0, 50))
                            .entries())
                    .extracting(AuditEntry::seq)
                    .containsExactly(3L, 2L, 1L);
            assertThat(auditEntries
                            .page(a, new AuditQuery(today.plusDays(1), null, null, null, false, 0, 50))
                            .entries())
                    .extracting(AuditEntry::seq)
                    .containsExactly(4L);
            assertThat(auditEntries
                            .page(a, new AuditQuery(null, null, null, "realm.update", true, 0, 50))
                            .entries())
                    .extracting(AuditEntry::seq)
                    .containsExactly(2L, 3L, 4L);
            assertThatThrownBy(() -> new AuditQuery(today, today.minusDays(1), null, null, false, 0, 50))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AuditQuery.all(0, AuditQuery.MAX_SIZE + 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> AuditQuery.all(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A realm whose chain holds {@code count} entries: its creation, then setting changes. */
    private RealmId realmWithEntries(int count) {
        Realm realm = realms.create("audit-" + UUID.randomUUID(), Map.of(), Actor.cli());
        for (int i = 1; i < count; i++) {
            realms.update(realm.id(), Map.of("allowed_past_days", Integer.toString(i)), Actor.user(i));
        }
        return realm.id();
    }

    private List<AuditEntry> entriesOf(RealmId realm) {
        List<AuditEntry> newestFirst = new ArrayList<>(
                auditEntries.page(realm, AuditQuery.all(0, AuditQuery.MAX_SIZE)).entries());
        return newestFirst.reversed();
    }

    private String rawDiffs(RealmId realm) {
        return String.join(
                "\n",
                jdbc.sql("SELECT diff::text FROM audit_entries WHERE realm_id = ?")
                        .param(realm.value())
                        .query(String.class)
                        .list());
    }

    /** As a database superuser would, past the triggers. */
    private void asSuperuser(String sql, Object... params) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL session_replication_role = replica").update();
            jdbc.sql(sql).params(params).update();
        });
    }

    private record StoredRow(
            long realm,
            long seq,
            Timestamp createdAt,
            String actor,
            String action,
            String target,
            String diff,
            String previousHash,
            String hash) {

        void restore(JdbcClient jdbc) {
            jdbc.sql("""
                    INSERT INTO audit_entries (realm_id, seq, created_at, actor, action, target, diff, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
                    .params(realm, seq, createdAt, actor, action, target, diff, previousHash, hash)
                    .update();
        }
    }

    private StoredRow row(RealmId realm, long seq) {
        return jdbc.sql("""
                SELECT realm_id, seq, created_at, actor, action, target, diff::text, previous_hash, hash
                FROM audit_entries WHERE realm_id = ? AND seq = ?""")
                .params(realm.value(), seq)
                .query((rs, n) -> new StoredRow(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getTimestamp(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)))
                .single();
    }

    private void restoreIfMissing(StoredRow row) {
        boolean present = jdbc.sql("SELECT count(*) FROM audit_entries WHERE realm_id = ? AND seq = ?")
                        .params(row.realm(), row.seq())
                        .query(Long.class)
                        .single()
                > 0;
        if (!present) {
            row.restore(jdbc);
        }
    }

    private static List<Long> range(long from, long toExclusive) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i < toExclusive; i++) {
            values.add(i);
        }
        return values;
    }
}
