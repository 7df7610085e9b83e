package org.enverify.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Realms;
import org.enverify.stats.DailyRealmCounts;
import org.enverify.stats.RealmCounters;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Issue → verify → certificate over HTTP, with the certificate checked as a key server checks it. */
@EnverifyIntegrationTest
class ProtocolFlowIntegrationTests {

    private static final byte[] SECRET = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RealmCounters counters;

    @Autowired
    MutableClock clock;

    ApiClient api;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    @Test
    void tekHmacMatchesTheKeyServerTestVectors() {
        var withRisk = List.of(
                new TekHmac.Tek("z2Cx9hdz2SlxZ8GEgqTYpA==", 1, 144, 3),
                new TekHmac.Tek("dPCphLzfG4uzXneNimkPRQ==", 144, 144, 5));
        assertThat(TekHmac.compute(withRisk, SECRET)).isEqualTo("2u1nHt5WWurJytFLF3xitNzM99oNrad2y4YGOL53AeY=");
        var noRisk = List.of(
                new TekHmac.Tek("z2Cx9hdz2SlxZ8GEgqTYpA==", 1, 144, 0),
                new TekHmac.Tek("dPCphLzfG4uzXneNimkPRQ==", 144, 144, 0));
        assertThat(TekHmac.compute(noRisk, SECRET)).isEqualTo("mFNI9zhTA17n4ndd1Vu5tsn4XQX0gPrIKyjeh/9noUE=");
        assertThat(TekHmac.computeWithoutRisk(noRisk, SECRET))
                .isEqualTo("J9S7xVebH/66dm14wGsIcAnSUR3PHD4NtDQEOGZbDUo=");
        var sortOrder = List.of(
                new TekHmac.Tek("/////////////////////w==", 2650032, 144, 0),
                new TekHmac.Tek("+++++++++++++++++++++w==", 2650176, 144, 0),
                new TekHmac.Tek("AAAAAAAAAAAAAAAAAAAAAA==", 2650320, 144, 0));
        assertThat(TekHmac.compute(sortOrder, SECRET)).isEqualTo("dLOnic/FemQO3lS5JP1K4KAJkqHGn9zLvom1JUYOdDs=");
        assertThat(TekHmac.computeWithoutRisk(sortOrder, SECRET))
                .isEqualTo("7xvSLFfef7hcu/oZ/dFscoil7CZooit7tgG2GLmZH44=");
    }

    @Test
    void systemKeyCertificatePassesTheKeyServerChecks(TestRealm realm) {
        LocalDate symptomDate = today().minusDays(2);
        String tekmac = TekHmac.compute(
                List.of(
                        new TekHmac.Tek("z2Cx9hdz2SlxZ8GEgqTYpA==", 1, 144, 3),
                        new TekHmac.Tek("dPCphLzfG4uzXneNimkPRQ==", 144, 144, 5)),
                SECRET);

        JsonNode issued = api.post(
                        "/api/issue",
                        realm.adminKey(),
                        Map.of("testType", "likely", "symptomDate", symptomDate.toString()))
                .json();
        assertThat(issued.path("code").asString()).matches("\\d{8}");
        assertThat(issued.path("longExpiresAtTimestamp").asLong())
                .isEqualTo(issued.path("expiresAtTimestamp").asLong());
        assertThat(issued.path("expiresAt").asString()).endsWith(" UTC");
        assertThat(issued.path("padding").asString()).satisfies(ApiAssertions::isPadding);

        ApiClient.Response verified = api.post(
                "/api/verify",
                realm.deviceKey(),
                Map.of("code", issued.path("code").asString()));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("testtype").asString()).isEqualTo("likely");
        assertThat(verified.json().path("symptomDate").asString()).isEqualTo(symptomDate.toString());
        assertThat(verified.json().has("testDate")).isFalse();
        assertThat(verified.json().path("padding").asString()).satisfies(ApiAssertions::isPadding);

        ApiClient.Response certified = api.post(
                "/api/certificate",
                realm.deviceKey(),
                Map.of("token", verified.json().path("token").asString(), "ekeyhmac", tekmac));
        assertThat(certified.status()).isEqualTo(200);
        assertThat(certified.json().path("padding").asString()).satisfies(ApiAssertions::isPadding);

        JsonNode jwks = api.get("/jwks/system").json();
        Instant now = clock.instant();
        var checked = KeyServerCheck.verify(certified.json().path("certificate").asString(), jwks, now);
        assertThat(checked.header().path("kid").asString()).isEqualTo("v1");
        assertThat(checked.claims().path("iss").asString()).isEqualTo("diagnosis-verification-example");
        assertThat(checked.claims().path("aud").asString()).isEqualTo("exposure-notifications-server");
        assertThat(checked.claims().path("reportType").asString()).isEqualTo("likely");
        assertThat(checked.claims().path("tekmac").asString()).isEqualTo(tekmac);
        assertThat(checked.claims().path("exp").asLong()
                        - checked.claims().path("iat").asLong())
                .isEqualTo(Duration.ofMinutes(15).plusSeconds(5).toSeconds());
        assertThat(checked.claims().path("symptomOnsetInterval").asLong())
                .isEqualTo(symptomDate.atStartOfDay(ZoneOffset.UTC).toEpochSecond() / 600);
    }

    @Test
    void realmKeyCertificateIsSignedWithTheRealmsPublishedKey() {
        TestRealm realm = TestRealm.create(
                realms,
                apiKeys,
                Map.of(
                        "require_date", "false",
                        "certificate_issuer", "test-iss",
                        "certificate_audience", "test-aud",
                        "certificate_duration", "5m",
                        "use_realm_certificate_key", "true"));

        String code = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                .json()
                .path("code")
                .asString();
        String token = api.post("/api/verify", realm.deviceKey(), Map.of("code", code))
                .json()
                .path("token")
                .asString();
        String tekmac = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        String certificate = api.post("/api/certificate", realm.deviceKey(), Map.of("token", token, "ekeyhmac", tekmac))
                .json()
                .path("certificate")
                .asString();

        JsonNode jwks = api.get("/jwks/" + realm.id()).json();
        assertThat(jwks.isArray()).isTrue();
        assertThat(jwks).hasSize(1);
        var checked = KeyServerCheck.verify(certificate, jwks, clock.instant());
        assertThat(checked.header().path("kid").asString()).matches("r" + realm.id() + "v\\d+");
        assertThat(checked.claims().path("iss").asString()).isEqualTo("test-iss");
        assertThat(checked.claims().path("aud").asString()).isEqualTo("test-aud");
        assertThat(checked.claims().path("exp").asLong()
                        - checked.claims().path("iat").asLong())
                .isEqualTo(305);
        assertThat(checked.claims().has("symptomOnsetInterval")).isFalse();
        assertThat(checked.claims().path("tekmac").asString()).isEqualTo(tekmac);

        JsonNode document = api.get("/jwks/" + realm.id() + "?format=jwks").json();
        assertThat(document.path("keys")).isEqualTo(jwks);
        assertThat(api.get("/jwks/" + realm.id()).header("Cache-Control")).contains("max-age=300");
    }

    @Test
    void jwksOfAnUnknownRealmIsNotFound() {
        assertThat(api.get("/jwks/999999999").status()).isEqualTo(404);
        assertThat(api.get("/jwks/not-a-realm").status()).isEqualTo(404);
        assertThat(api.get("/jwks/0").status()).isEqualTo(404);
    }

    @Test
    void oneOfFiftyConcurrentVerifiesOfOneCodeWins(TestRealm realm) throws Exception {
        String code = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                .json()
                .path("code")
                .asString();

        List<Callable<ApiClient.Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            attempts.add(() -> new ApiClient(port).post("/api/verify", realm.deviceKey(), Map.of("code", code)));
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<ApiClient.Response> result : pool.invokeAll(attempts)) {
                ApiClient.Response response = result.get();
                statuses.add(response.status());
                if (response.status() != 200) {
                    assertThat(response.errorCode()).isEqualTo("code_invalid");
                }
            }
        }
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 400).hasSize(49);
    }

    @Test
    void aTokenBuysOneCertificateAndTheCountersSayWhatHappened(TestRealm realm) {
        String code = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"))
                .json()
                .path("code")
                .asString();
        String token = api.post("/api/verify", realm.deviceKey(), Map.of("code", code))
                .json()
                .path("token")
                .asString();
        String hmac = Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(api.post("/api/certificate", realm.deviceKey(), Map.of("token", token, "ekeyhmac", hmac))
                        .status())
                .isEqualTo(200);
        ApiClient.Response again =
                api.post("/api/certificate", realm.deviceKey(), Map.of("token", token, "ekeyhmac", hmac));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.errorCode()).isEqualTo("token_expired");
        assertThat(api.post("/api/verify", realm.deviceKey(), Map.of("code", "00000000"))
                        .errorCode())
                .isEqualTo("code_invalid");

        List<DailyRealmCounts> days = counters.daily(realm.id(), today(), today());
        assertThat(days).singleElement().isEqualTo(new DailyRealmCounts(today(), 1, 1, 1, 1, 0));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
