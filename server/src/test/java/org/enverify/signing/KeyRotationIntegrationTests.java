package org.enverify.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.jobs.Jobs;
import org.enverify.jobs.PeriodicTasks;
import org.enverify.realm.Realms;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every rotation step, driven by the clock: nothing valid before a rotation stops working because of it. */
@EnverifyIntegrationTest
class KeyRotationIntegrationTests {

    private static final String HMAC = Base64.getEncoder().encodeToString(new byte[32]);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    PeriodicTasks tasks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    ApiClient api;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    private String rotate() throws Exception {
        return Jobs.runNow(tasks, "rotation");
    }

    private String token(TestRealm realm) {
        String code = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                .json()
                .path("code")
                .asString();
        return api.post("/api/verify", realm.deviceKey(), Map.of("code", code))
                .json()
                .path("token")
                .asString();
    }

    private static String kid(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]))
                .path("kid")
                .asString();
    }

    @Test
    void aTokenSignedBeforeTheTokenKeyRotatedStillBuysItsCertificate(TestRealm realm) throws Exception {
        ageBeyond("SELECT created_at FROM token_signing_keys WHERE active", Duration.ofHours(721));
        String before = token(realm);

        assertThat(rotate()).contains("token key replaced");
        String after = token(realm);
        assertThat(kid(after)).isNotEqualTo(kid(before));

        clock.advance(Duration.ofHours(1));
        assertThat(api.post("/api/certificate", realm.deviceKey(), Map.of("token", before, "ekeyhmac", HMAC))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/certificate", realm.deviceKey(), Map.of("token", after, "ekeyhmac", HMAC))
                        .status())
                .isEqualTo(200);
        assertThat(rotate()).doesNotContain("token key replaced");
    }

    @Test
    void aCodeIssuedBeforeAnHmacRotationStillVerifies() throws Exception {
        TestRealm realm = TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "code_duration", "60m"));
        ageBeyond("SELECT max(active_from) FROM hmac_keys WHERE purpose = 'code'", Duration.ofHours(25));
        String before = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                .json()
                .path("code")
                .asString();
        int versionBefore = newestCodeVersion();

        assertThat(rotate()).contains("code hmac: new version");
        assertThat(newestCodeVersion()).isEqualTo(versionBefore + 1);
        clock.advance(Duration.ofMinutes(31));
        String after = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                .json()
                .path("code")
                .asString();

        assertThat(api.post("/api/verify", realm.deviceKey(), Map.of("code", before))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/verify", realm.deviceKey(), Map.of("code", after))
                        .status())
                .isEqualTo(200);

        clock.advance(Duration.ofHours(73));
        assertThat(rotate()).containsPattern("code hmac: .*retired");
        assertThat(liveCodeVersions()).doesNotContain(versionBefore);
    }

    @Test
    void apiKeysOutliveEveryHmacRotation(TestRealm realm) throws Exception {
        ageBeyond("SELECT max(active_from) FROM hmac_keys WHERE purpose LIKE 'api_key%'", Duration.ofDays(181));
        assertThat(rotate()).contains("api_key hmac: new version", "api_key_signature hmac: new version");
        clock.advance(Duration.ofHours(1));
        assertThat(api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(200);
        TestRealm newer = TestRealm.create(realms, apiKeys);
        assertThat(api.post("/api/issue", newer.adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aRealmKeyIsPublishedAnHourBeforeItSignsAndTheOldOneIsWithdrawnAfterwards() throws Exception {
        TestRealm realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "require_date", "false",
                        "certificate_issuer", "rotating-iss",
                        "certificate_audience", "rotating-aud",
                        "use_realm_certificate_key", "true",
                        "auto_rotate_certificate_key", "true"));
        String first = kid(certificate(realm));

        clock.advance(Duration.ofHours(721));
        assertThat(rotate()).contains("realm " + realm.id() + ": published");
        JsonNode published = api.get("/jwks/" + realm.id()).json();
        assertThat(published).hasSize(2);
        String second = published.get(0).path("kid").asString();
        assertThat(kid(certificate(realm)))
                .as("still the old key until activation")
                .isEqualTo(first);

        clock.advance(Duration.ofMinutes(61));
        assertThat(rotate()).contains("activated " + second);
        assertThat(kid(certificate(realm))).isEqualTo(second);
        assertThat(api.get("/jwks/" + realm.id()).json()).hasSize(2);

        clock.advance(Duration.ofMinutes(61));
        assertThat(rotate()).contains("destroyed " + first);
        JsonNode remaining = api.get("/jwks/" + realm.id()).json();
        assertThat(remaining).hasSize(1);
        assertThat(remaining.get(0).path("kid").asString()).isEqualTo(second);
        assertThat(kid(certificate(realm))).isEqualTo(second);
    }

    /**
     * Moves the clock until the newest key of a kind is {@code age} old. Other tests move the clock
     * too, so a key may have been made at a moment later than this test's "now".
     */
    private void ageBeyond(String newestKeyTime, Duration age) {
        var made = jdbc.sql(newestKeyTime).query(Timestamp.class).single().toInstant();
        Duration ahead = Duration.between(clock.instant(), made);
        clock.advance((ahead.isNegative() ? Duration.ZERO : ahead).plus(age));
    }

    private String certificate(TestRealm realm) {
        return api.post("/api/certificate", realm.deviceKey(), Map.of("token", token(realm), "ekeyhmac", HMAC))
                .json()
                .path("certificate")
                .asString();
    }

    private int newestCodeVersion() {
        return jdbc.sql("SELECT max(version) FROM hmac_keys WHERE purpose = 'code'")
                .query(Integer.class)
                .single();
    }

    private List<Integer> liveCodeVersions() {
        return jdbc.sql("SELECT version FROM hmac_keys WHERE purpose = 'code' AND retired_at IS NULL")
                .query(Integer.class)
                .list();
    }
}
