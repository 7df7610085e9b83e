package org.enverify.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.apikey.CreatedApiKey;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.stats.DailyRealmCounts;
import org.enverify.stats.RealmCounters;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every refusal of {@code /api/verify} and {@code /api/certificate} over HTTP, with its status and
 * error code, and proof that a refusal neither claims the code nor spends the token.
 */
@EnverifyIntegrationTest
class DeviceApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LONG_CODE = Pattern.compile("code: ([a-z0-9]+) Expires");
    private static final String PHONE = "+12065550123";
    private static final String ALL_TYPES = "confirmed,likely,negative,user-report";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RealmCounters counters;

    ApiClient api;

    @BeforeEach
    void setUp(ApiClient api) {
        this.api = api;
    }

    /** {@code /api/verify}: which codes are claimed. */
    @Nested
    class VerifyTheCode {

        @Test
        void anUnknownCodeIsInvalid(TestRealm realm) {
            assertError(verify(realm, "12345678"), 400, "code_invalid");
            assertError(verify(realm, "abcdefghijklmnop"), 400, "code_invalid");
        }

        @Test
        void aUsedCodeIsInvalid(TestRealm realm) {
            Issued issued = issue(realm, "confirmed");
            assertThat(verify(realm, issued.code()).status()).isEqualTo(200);

            assertError(verify(realm, issued.code()), 400, "code_invalid");
        }

        @Test
        void aCodeOfAnotherRealmIsInvalidThereAndStaysClaimableInItsOwn(TestRealm owner, TestRealm other) {
            Issued issued = issue(owner, "confirmed");

            assertError(verify(other, issued.code()), 400, "code_invalid");
            assertThat(claimed(owner, issued)).isFalse();

            assertThat(verify(owner, issued.code()).status()).isEqualTo(200);
            assertThat(claimed(owner, issued)).isTrue();
        }

        @Test
        void aShortCodeExpiresAfterTheRealmsCodeDuration(TestRealm realm) {
            Issued issued = issue(realm, "confirmed");

            clock.advance(Duration.ofMinutes(15).plusSeconds(1));

            assertError(verify(realm, issued.code()), 400, "code_expired");
            assertThat(claimed(realm, issued)).isFalse();
        }

        @Test
        void theLongCodeOutlivesTheShortCode() {
            TestRealm realm = smsRealm();
            Issued issued = issueWithPhone(realm, "confirmed");
            assertThat(issued.longCode()).matches("[a-z0-9]{16}");

            clock.advance(Duration.ofHours(23).plusMinutes(58));

            assertError(verify(realm, issued.code()), 400, "code_expired");
            assertThat(claimed(realm, issued)).isFalse();
            ApiClient.Response verified = verify(realm, issued.longCode());
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.json().path("testtype").asString()).isEqualTo("confirmed");
            assertThat(claimed(realm, issued)).isTrue();
            assertError(verify(realm, issued.code()), 400, "code_invalid");
        }

        @Test
        void theLongCodeExpiresAfterTheLongCodeDuration() {
            TestRealm realm = smsRealm();
            Issued issued = issueWithPhone(realm, "confirmed");

            clock.advance(Duration.ofHours(24).plusSeconds(1));

            assertError(verify(realm, issued.longCode()), 400, "code_expired");
            assertError(verify(realm, issued.code()), 400, "code_expired");
            assertThat(claimed(realm, issued)).isFalse();
        }

        @Test
        void aCodeBothUsedAndExpiredIsInvalidNotExpired() {
            TestRealm realm = smsRealm();
            Issued shortOnly = issue(realm, "confirmed");
            Issued withPhone = issueWithPhone(realm, "confirmed");
            assertThat(verify(realm, shortOnly.code()).status()).isEqualTo(200);
            assertThat(verify(realm, withPhone.longCode()).status()).isEqualTo(200);

            clock.advance(Duration.ofHours(25));

            assertError(verify(realm, shortOnly.code()), 400, "code_invalid");
            assertError(verify(realm, withPhone.code()), 400, "code_invalid");
            assertError(verify(realm, withPhone.longCode()), 400, "code_invalid");
        }

        @Test
        void aMissingOrBlankCodeIsInvalid(TestRealm realm) {
            assertError(api.post("/api/verify", realm.deviceKey(), "{}"), 400, "code_invalid");
            assertError(api.post("/api/verify", realm.deviceKey(), "{\"code\":null}"), 400, "code_invalid");
            assertError(verify(realm, ""), 400, "code_invalid");
            assertError(verify(realm, "x".repeat(1000)), 400, "code_invalid");
        }
    }

    /** {@code /api/verify}: the test types a phone accepts. */
    @Nested
    class VerifyAccept {

        @Test
        void aTypeOutsideTheAcceptedSetIs412AndLeavesTheCodeForAClientThatAcceptsIt(TestRealm realm) {
            Issued likely = issue(realm, "likely");

            assertError(verify(realm, likely.code(), List.of("confirmed")), 412, "unsupported_test_type");
            assertThat(claimed(realm, likely)).isFalse();

            ApiClient.Response verified = verify(realm, likely.code(), List.of("negative"));
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.json().path("testtype").asString()).isEqualTo("likely");
            assertThat(claimed(realm, likely)).isTrue();
        }

        @Test
        void useAndExpiryAreJudgedBeforeTheAcceptedTypes(TestRealm realm) {
            Issued used = issue(realm, "likely");
            Issued expired = issue(realm, "likely");
            assertThat(verify(realm, used.code()).status()).isEqualTo(200);

            clock.advance(Duration.ofMinutes(16));

            assertError(verify(realm, used.code(), List.of("confirmed")), 400, "code_invalid");
            assertError(verify(realm, expired.code(), List.of("confirmed")), 400, "code_expired");
            assertThat(claimed(realm, expired)).isFalse();
        }

        @Test
        void acceptExpandsAsTheProtocolDefines() {
            TestRealm realm = userReportRealm();

            // likely = confirmed + likely
            assertThat(verify(realm, issue(realm, "confirmed").code(), List.of("likely"))
                            .status())
                    .isEqualTo(200);
            assertThat(verify(realm, issue(realm, "likely").code(), List.of("likely"))
                            .status())
                    .isEqualTo(200);
            assertError(
                    verify(realm, issue(realm, "negative").code(), List.of("likely")), 412, "unsupported_test_type");
            assertError(
                    verify(realm, issue(realm, "user-report").code(), List.of("likely")), 412, "unsupported_test_type");
            // negative = confirmed + likely + negative
            assertThat(verify(realm, issue(realm, "negative").code(), List.of("negative"))
                            .status())
                    .isEqualTo(200);
            assertError(
                    verify(realm, issue(realm, "user-report").code(), List.of("negative")),
                    412,
                    "unsupported_test_type");
            // confirmed = confirmed only
            assertError(
                    verify(realm, issue(realm, "negative").code(), List.of("confirmed")), 412, "unsupported_test_type");
        }

        @Test
        void userReportAddsConfirmedAndUserReportToWhateverElseIsListed() {
            TestRealm realm = userReportRealm();

            assertThat(verify(realm, issue(realm, "confirmed").code(), List.of("user-report"))
                            .status())
                    .isEqualTo(200);
            ApiClient.Response userReport =
                    verify(realm, issue(realm, "user-report").code(), List.of("user-report"));
            assertThat(userReport.status()).isEqualTo(200);
            assertThat(userReport.json().path("testtype").asString()).isEqualTo("user-report");
            assertError(
                    verify(realm, issue(realm, "likely").code(), List.of("user-report")), 412, "unsupported_test_type");
            assertThat(verify(realm, issue(realm, "likely").code(), List.of("user-report", "likely"))
                            .status())
                    .isEqualTo(200);
            assertThat(verify(realm, issue(realm, "user-report").code(), List.of("likely", "user-report"))
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void acceptValuesAreCaseInsensitive() {
            TestRealm realm = userReportRealm();

            assertThat(verify(realm, issue(realm, "likely").code(), List.of("LIKELY"))
                            .status())
                    .isEqualTo(200);
            assertThat(verify(realm, issue(realm, "negative").code(), List.of("Negative"))
                            .status())
                    .isEqualTo(200);
            assertThat(verify(realm, issue(realm, "user-report").code(), List.of("User-Report"))
                            .status())
                    .isEqualTo(200);
            assertError(
                    verify(realm, issue(realm, "likely").code(), List.of("CONFIRMED")), 412, "unsupported_test_type");
        }

        @Test
        void anUnknownAcceptValueIsAnInvalidTestTypeAndLeavesTheCode(TestRealm realm) {
            Issued issued = issue(realm, "confirmed");

            assertError(verify(realm, issued.code(), List.of("positive")), 400, "invalid_test_type");
            assertError(verify(realm, issued.code(), List.of("confirmed", "bogus")), 400, "invalid_test_type");
            assertError(verify(realm, issued.code(), List.of("")), 400, "invalid_test_type");
            assertError(verify(realm, "00000000", List.of("bogus")), 400, "invalid_test_type");
            assertThat(claimed(realm, issued)).isFalse();

            assertThat(verify(realm, issued.code(), List.of("confirmed")).status())
                    .isEqualTo(200);
        }

        @Test
        void anEmptyOrAbsentAcceptListAcceptsEveryType() {
            TestRealm realm = userReportRealm();

            for (String type : List.of("confirmed", "likely", "negative", "user-report")) {
                ApiClient.Response empty = verify(realm, issue(realm, type).code(), List.of());
                assertThat(empty.status()).as(type).isEqualTo(200);
                assertThat(empty.json().path("testtype").asString()).isEqualTo(type);
                assertThat(verify(realm, issue(realm, type).code()).status())
                        .as(type)
                        .isEqualTo(200);
            }
        }
    }

    /** {@code /api/verify}: malformed bodies. */
    @Nested
    class VerifyBody {

        @Test
        void aNonceThatIsNotBase64IsUnparsableAndLeavesTheCode(TestRealm realm) {
            Issued issued = issue(realm, "confirmed");

            assertError(
                    api.post("/api/verify", realm.deviceKey(), Map.of("code", issued.code(), "nonce", "not base64!")),
                    400,
                    "unparsable_request");
            assertError(
                    api.post("/api/verify", realm.deviceKey(), Map.of("code", issued.code(), "nonce", "@@@@")),
                    400,
                    "unparsable_request");
            assertThat(claimed(realm, issued)).isFalse();

            String nonce = Base64.getEncoder().encodeToString(randomBytes(256));
            assertThat(api.post("/api/verify", realm.deviceKey(), Map.of("code", issued.code(), "nonce", nonce))
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void aMalformedVerifyBodyIsUnparsableAndLeavesTheCode(TestRealm realm) {
            Issued issued = issue(realm, "confirmed");
            String code = issued.code();

            assertError(api.post("/api/verify", realm.deviceKey(), "{\"code\":"), 400, "unparsable_request");
            assertError(api.post("/api/verify", realm.deviceKey(), ""), 400, "unparsable_request");
            assertError(api.post("/api/verify", realm.deviceKey(), "[]"), 400, "unparsable_request");
            assertError(
                    api.post("/api/verify", realm.deviceKey(), "{\"code\":\"" + code + "\",\"extra\":1}"),
                    400,
                    "unparsable_request");
            assertError(
                    api.post("/api/verify", realm.deviceKey(), "text/plain", "{\"code\":\"" + code + "\"}"),
                    400,
                    "unparsable_request");
            assertError(api.post("/api/verify", realm.deviceKey(), "{\"code\":12345678}"), 400, "unparsable_request");
            assertError(
                    api.post("/api/verify", realm.deviceKey(), "{\"code\":\"" + code + "\",\"accept\":\"confirmed\"}"),
                    400,
                    "unparsable_request");
            ApiClient.Response tooLarge = api.post("/api/verify", realm.deviceKey(), bodyOfSize(code, 64_001));
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.errorCode()).isEqualTo("unparsable_request");
            assertThat(claimed(realm, issued)).isFalse();

            assertThat(api.post("/api/verify", realm.deviceKey(), bodyOfSize(code, 64_000))
                            .status())
                    .isEqualTo(200);
        }
    }

    /** {@code /api/verify}: the answer and its token. */
    @Nested
    class VerifyResponseAndToken {

        @Test
        void theResponseHasALowercaseTesttypeAndOnlyTheDatesTheCodeHas(TestRealm realm) {
            LocalDate testDate = today().minusDays(1);

            JsonNode noDates = verify(realm, issue(realm, "confirmed").code()).json();
            assertThat(noDates.has("testtype")).isTrue();
            assertThat(noDates.has("testType")).isFalse();
            assertThat(noDates.has("symptomDate")).isFalse();
            assertThat(noDates.has("testDate")).isFalse();
            assertThat(noDates.path("padding").asString()).satisfies(ApiAssertions::isPadding);

            Issued withTestDate = issue(realm, Map.of("testType", "negative", "testDate", testDate.toString()));
            JsonNode testDated = verify(realm, withTestDate.code()).json();
            assertThat(testDated.path("testtype").asString()).isEqualTo("negative");
            assertThat(testDated.path("testDate").asString()).isEqualTo(testDate.toString());
            assertThat(testDated.has("symptomDate")).isFalse();
            assertThat(claims(testDated.path("token").asString()).path("sub").asString())
                    .isEqualTo("negative.." + testDate);
        }

        @Test
        void theTokenIsAnEs256JwtWithTheDocumentedClaims(TestRealm realm) {
            LocalDate symptomDate = today().minusDays(3);
            LocalDate testDate = today().minusDays(2);
            long before = clock.instant().getEpochSecond();

            JsonNode verified = verify(
                            realm,
                            issue(realm, Map.of("testType", "confirmed", "symptomDate", symptomDate.toString()))
                                    .code())
                    .json();
            String token = verified.path("token").asString();
            String[] segments = token.split("\\.", -1);
            assertThat(segments).hasSize(3);
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(segments[0]));
            JsonNode claims = claims(token);

            assertThat(header.path("alg").asString()).isEqualTo("ES256");
            assertThat(header.path("typ").asString()).isEqualTo("JWT");
            assertThat(header.path("kid").asString()).isNotBlank();
            assertThat(Base64.getUrlDecoder().decode(segments[2])).hasSize(64);
            assertThat(claims.path("iss").asString()).isEqualTo("diagnosis-verification-example");
            assertThat(claims.path("aud").isString())
                    .as("aud is a single string")
                    .isTrue();
            assertThat(claims.path("aud").asString()).isEqualTo("diagnosis-verification-example");
            assertThat(claims.path("sub").asString()).isEqualTo("confirmed." + symptomDate + ".");
            assertThat(claims.path("jti").asString()).matches("[A-Za-z0-9+/]{128}");
            assertThat(Base64.getDecoder().decode(claims.path("jti").asString()))
                    .hasSize(96);
            assertThat(claims.path("iat").asLong())
                    .isBetween(before, clock.instant().getEpochSecond());
            assertThat(claims.path("exp").asLong() - claims.path("iat").asLong())
                    .isEqualTo(Duration.ofHours(24).toSeconds());
            assertThat(verified.path("symptomDate").asString()).isEqualTo(symptomDate.toString());

            JsonNode bothDates = claims(verify(
                            realm,
                            issue(
                                            realm,
                                            Map.of(
                                                    "testType",
                                                    "likely",
                                                    "symptomDate",
                                                    symptomDate.toString(),
                                                    "testDate",
                                                    testDate.toString()))
                                    .code())
                    .json()
                    .path("token")
                    .asString());
            assertThat(bothDates.path("sub").asString()).isEqualTo("likely." + symptomDate + "." + testDate);
            assertThat(claims(tokenFor(realm)).path("sub").asString()).isEqualTo("confirmed..");
        }
    }

    /** {@code /api/certificate}: malformed bodies. */
    @Nested
    class CertificateBody {

        @Test
        void aMalformedCertificateBodyIsTokenInvalidNotUnparsable(TestRealm realm) {
            String token = tokenFor(realm);
            String hmac = hmac();
            String valid = JSON.writeValueAsString(Map.of("token", token, "ekeyhmac", hmac));

            assertError(api.post("/api/certificate", realm.deviceKey(), "{\"token\":"), 400, "token_invalid");
            assertError(api.post("/api/certificate", realm.deviceKey(), "not json"), 400, "token_invalid");
            assertError(api.post("/api/certificate", realm.deviceKey(), ""), 400, "token_invalid");
            assertError(api.post("/api/certificate", realm.deviceKey(), "[]"), 400, "token_invalid");
            assertError(api.post("/api/certificate", realm.deviceKey(), valid + "{}"), 400, "token_invalid");
            assertError(api.post("/api/certificate", realm.deviceKey(), "text/plain", valid), 400, "token_invalid");
            assertError(api.post("/api/certificate", realm.deviceKey(), null, valid), 400, "token_invalid");
            assertError(
                    api.post("/api/certificate", realm.deviceKey(), "application/x-www-form-urlencoded", valid),
                    400,
                    "token_invalid");
            assertError(
                    api.post(
                            "/api/certificate",
                            realm.deviceKey(),
                            Map.of("token", token, "ekeyhmac", hmac, "unknown", "field")),
                    400,
                    "token_invalid");
            assertError(
                    api.post("/api/certificate", realm.deviceKey(), "{\"token\":42,\"ekeyhmac\":\"" + hmac + "\"}"),
                    400,
                    "token_invalid");
            assertError(
                    api.post("/api/certificate", realm.deviceKey(), Map.of("token", List.of(token), "ekeyhmac", hmac)),
                    400,
                    "token_invalid");
            assertError(
                    api.post("/api/certificate", realm.deviceKey(), Map.of("ekeyhmac", hmac)), 400, "token_invalid");
            assertThat(tokenUsed(realm, token)).isFalse();

            // names match case-insensitively, parameters of the content type are allowed, padding is ignored
            ApiClient.Response certified = api.post(
                    "/api/certificate",
                    realm.deviceKey(),
                    "application/json; charset=utf-8",
                    JSON.writeValueAsString(Map.of("Token", token, "EKeyHMAC", hmac, "padding", 12)));
            assertThat(certified.status()).isEqualTo(200);
            assertThat(tokenUsed(realm, token)).isTrue();
        }

        @Test
        void aCertificateBodyOver64000BytesIs413(TestRealm realm) {
            ApiClient.Response tooLarge =
                    api.post("/api/certificate", realm.deviceKey(), certificateBodyOfSize(64_001));
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.errorCode()).isEqualTo("token_invalid");
            ApiClient.Response muchTooLarge =
                    api.post("/api/certificate", realm.deviceKey(), certificateBodyOfSize(100_000));
            assertThat(muchTooLarge.status()).isEqualTo(413);

            assertError(
                    api.post("/api/certificate", realm.deviceKey(), certificateBodyOfSize(64_000)),
                    400,
                    "token_invalid");
        }
    }

    /** {@code /api/certificate}: which tokens are good. */
    @Nested
    class CertificateToken {

        @Test
        void aTokenWithAFlippedSignatureByteIsInvalid(TestRealm realm) {
            String token = tokenFor(realm);
            String[] segments = token.split("\\.");
            byte[] signature = Base64.getUrlDecoder().decode(segments[2]);
            signature[10] ^= 0x01;
            String forged = segments[0] + "." + segments[1] + "." + b64url(signature);

            assertError(certificate(realm, forged, hmac()), 400, "token_invalid");
            assertTokenStillGood(realm, token);
        }

        @Test
        void aTokenWhosePayloadWasChangedIsInvalid(TestRealm realm) {
            String token = tokenFor(realm);
            String[] segments = token.split("\\.");
            ObjectNode claims = (ObjectNode) claims(token);
            claims.put("sub", "negative..");
            String forged = segments[0] + "." + b64url(JSON.writeValueAsBytes(claims)) + "." + segments[2];

            ObjectNode later = (ObjectNode) claims(token);
            later.put("exp", later.path("exp").asLong() + 3600);
            String extended = segments[0] + "." + b64url(JSON.writeValueAsBytes(later)) + "." + segments[2];

            assertError(certificate(realm, forged, hmac()), 400, "token_invalid");
            assertError(certificate(realm, extended, hmac()), 400, "token_invalid");
            assertTokenStillGood(realm, token);
        }

        @Test
        void aTokenSignedByAForeignKeyWithOurKidIsInvalid(TestRealm realm) throws Exception {
            String token = tokenFor(realm);
            SignedJWT real = SignedJWT.parse(token);
            String kid = real.getHeader().getKeyID();
            ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
            SignedJWT forged = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(kid)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    real.getJWTClaimsSet());
            forged.sign(new ECDSASigner(foreign));

            assertError(certificate(realm, forged.serialize(), hmac()), 400, "token_invalid");
            assertTokenStillGood(realm, token);
        }

        @Test
        void aTokenWithAlgNoneIsInvalid(TestRealm realm) {
            String token = tokenFor(realm);
            String[] segments = token.split("\\.");
            String kid = JSON.readTree(Base64.getUrlDecoder().decode(segments[0]))
                    .path("kid")
                    .asString();
            String none = b64url(
                    ("{\"alg\":\"none\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
            String hs256 = b64url(
                    ("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));

            assertError(certificate(realm, none + "." + segments[1] + ".", hmac()), 400, "token_invalid");
            assertError(certificate(realm, none + "." + segments[1] + "." + segments[2], hmac()), 400, "token_invalid");
            assertError(
                    certificate(realm, hs256 + "." + segments[1] + "." + segments[2], hmac()), 400, "token_invalid");
            assertTokenStillGood(realm, token);
        }

        @Test
        void aTokenWithAnUnknownOrMissingKidIsInvalid(TestRealm realm) {
            String token = tokenFor(realm);
            String[] segments = token.split("\\.");

            for (String header : List.of(
                    "{\"alg\":\"ES256\",\"kid\":\"" + UUID.randomUUID() + "\",\"typ\":\"JWT\"}",
                    "{\"alg\":\"ES256\",\"kid\":\"v1\",\"typ\":\"JWT\"}",
                    "{\"alg\":\"ES256\",\"typ\":\"JWT\"}")) {
                String forged = b64url(header.getBytes(StandardCharsets.UTF_8)) + "." + segments[1] + "." + segments[2];
                assertError(certificate(realm, forged, hmac()), 400, "token_invalid");
            }
            assertTokenStillGood(realm, token);
        }

        @Test
        void aCertificateIsNotAToken(TestRealm realm) {
            String token = tokenFor(realm);
            ApiClient.Response certified = certificate(realm, tokenFor(realm), hmac());
            assertThat(certified.status()).isEqualTo(200);

            assertError(
                    certificate(realm, certified.json().path("certificate").asString(), hmac()), 400, "token_invalid");
            assertTokenStillGood(realm, token);
        }

        @Test
        void aTokenIssuedInTheFutureIsInvalid(TestRealm realm) {
            String token = tokenFor(realm);

            clock.advance(Duration.ofMinutes(-5));

            assertError(certificate(realm, token, hmac()), 400, "token_invalid");
            assertThat(tokenUsed(realm, token)).isFalse();
            clock.reset();
            assertTokenStillGood(realm, token);
        }

        @Test
        void aGarbageTokenIsInvalid(TestRealm realm) {
            for (String garbage : List.of("garbage", "", "a.b.c", "..", "x".repeat(5000), "eyJ.eyJ.AAA")) {
                assertError(certificate(realm, garbage, hmac()), 400, "token_invalid");
            }
        }

        @Test
        void anExpiredTokenIsInvalid(TestRealm realm) {
            String token = tokenFor(realm);

            clock.advance(Duration.ofHours(25));

            assertError(certificate(realm, token, hmac()), 400, "token_invalid");
            assertThat(tokenUsed(realm, token)).isFalse();
        }

        @Test
        void aTokenIsStillGoodJustBeforeItExpires(TestRealm realm) {
            String token = tokenFor(realm);

            clock.advance(Duration.ofHours(23).plusMinutes(58));

            assertThat(certificate(realm, token, hmac()).status()).isEqualTo(200);
        }
    }

    /** {@code /api/certificate}: the HMAC of the exposure keys. */
    @Nested
    class CertificateEkeyhmac {

        @Test
        void anEkeyhmacThatIsNotBase64OfThirtyTwoBytesIsHmacInvalidAndTheTokenStaysUsable(TestRealm realm) {
            String token = tokenFor(realm);

            for (String bad : List.of(
                    "not base64!",
                    "@".repeat(44),
                    "",
                    Base64.getEncoder().encodeToString(new byte[31]),
                    Base64.getEncoder().encodeToString(new byte[33]),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[31]),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[33]),
                    Base64.getEncoder().encodeToString(new byte[64]))) {
                assertError(certificate(realm, token, bad), 400, "hmac_invalid");
            }
            assertError(api.post("/api/certificate", realm.deviceKey(), Map.of("token", token)), 400, "hmac_invalid");
            assertThat(tokenUsed(realm, token)).isFalse();

            assertTokenStillGood(realm, token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"standard-padded", "standard-unpadded", "url-padded", "url-unpadded"})
        void anEkeyhmacIsAcceptedInEveryBase64FormAndCopiedVerbatim(String form, TestRealm realm) {
            byte[] mac = new byte[32];
            for (int i = 0; i < mac.length; i++) {
                mac[i] = (byte) new int[] {0xfb, 0xff, 0xbf}[i % 3];
            }
            String ekeyhmac = switch (form) {
                case "standard-padded" -> Base64.getEncoder().encodeToString(mac);
                case "standard-unpadded" -> Base64.getEncoder().withoutPadding().encodeToString(mac);
                case "url-padded" -> Base64.getUrlEncoder().encodeToString(mac);
                case "url-unpadded" -> Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
                default -> throw new IllegalArgumentException(form);
            };
            assertThat(ekeyhmac)
                    .as("the form is distinguishable")
                    .matches(form.startsWith("standard") ? ".*[+/].*" : ".*[-_].*");
            assertThat(ekeyhmac.endsWith("=")).isEqualTo(form.endsWith("-padded"));

            ApiClient.Response certified = certificate(realm, tokenFor(realm), ekeyhmac);

            assertThat(certified.status()).isEqualTo(200);
            String certificate = certified.json().path("certificate").asString();
            var checked =
                    KeyServerCheck.verify(certificate, api.get("/jwks/system").json(), clock.instant());
            assertThat(checked.claims().path("tekmac").asString()).isEqualTo(ekeyhmac);
        }
    }

    /** {@code /api/certificate}: a token is spent once, in its own realm. */
    @Nested
    class CertificateSpending {

        @Test
        void aTokenOfOneRealmIsExpiredInAnotherAndStaysUsableInItsOwn(TestRealm owner, TestRealm other) {
            String token = tokenFor(owner);

            assertError(certificate(other, token, hmac()), 400, "token_expired");
            assertThat(tokenUsed(owner, token)).isFalse();

            assertTokenStillGood(owner, token);
        }

        @Test
        void aReusedTokenIsExpired(TestRealm realm) {
            String token = tokenFor(realm);
            assertThat(certificate(realm, token, hmac()).status()).isEqualTo(200);

            assertError(certificate(realm, token, hmac()), 400, "token_expired");
            assertError(certificate(realm, token, hmac()), 400, "token_expired");
        }

        @Test
        void aSpentTokenRecordsOneCertificateEventAndARefusedSpendNone(TestRealm realm, TestRealm other) {
            String token = tokenFor(realm);

            assertError(certificate(other, token, hmac()), 400, "token_expired");
            assertThat(certificateEvents(realm)).isZero();
            assertThat(certificate(realm, token, hmac()).status()).isEqualTo(200);
            assertError(certificate(realm, token, hmac()), 400, "token_expired");

            assertThat(certificateEvents(realm)).isEqualTo(1);
            assertThat(certificateEvents(other)).isZero();
        }

        private long certificateEvents(TestRealm realm) {
            return jdbc.sql("SELECT count(*) FROM events WHERE realm_id = ? AND type = 'certificate.issued'")
                    .param(realm.id().value())
                    .query(Long.class)
                    .single();
        }

        @Test
        void refusalsAreCountedAsTheStatisticsDefine(TestRealm realm, TestRealm other) {
            Issued likely = issue(realm, "likely");
            Issued confirmed = issue(realm, "confirmed");

            assertError(verify(realm, "00000000"), 400, "code_invalid"); // invalid
            assertError(verify(realm, likely.code(), List.of("confirmed")), 412, "unsupported_test_type"); // invalid
            String token = verify(realm, confirmed.code()).json().path("token").asString(); // claimed
            assertError(verify(realm, confirmed.code()), 400, "code_invalid"); // a repeat: not counted
            assertError(certificate(realm, token, "short"), 400, "hmac_invalid"); // not counted
            assertError(certificate(other, token, hmac()), 400, "token_expired"); // invalid in the other realm
            assertThat(certificate(realm, token, hmac()).status()).isEqualTo(200); // token claimed
            assertError(certificate(realm, token, hmac()), 400, "token_expired"); // a repeat: not counted

            assertThat(counters.daily(realm.id(), today(), today()))
                    .singleElement()
                    .isEqualTo(new DailyRealmCounts(today(), 2, 1, 2, 1, 0));
            assertThat(counters.daily(other.id(), today(), today()))
                    .singleElement()
                    .isEqualTo(new DailyRealmCounts(today(), 0, 0, 0, 0, 1));
        }
    }

    /** The device key, on both routes. */
    @Nested
    class Authentication {

        @Test
        void bothRoutesRefuseAMissingKey(TestRealm realm) {
            assertBothRoutesRefuse(realm, null);
        }

        @Test
        void bothRoutesRefuseAnUnknownKey(TestRealm realm) {
            String forged = b64url(randomBytes(64)) + "." + realm.id() + "." + b64url(randomBytes(64));
            String swapped = realm.deviceKey().substring(0, realm.deviceKey().lastIndexOf('.') + 1)
                    + realm.adminKey().substring(realm.adminKey().lastIndexOf('.') + 1);
            assertBothRoutesRefuse(realm, "not-a-key");
            assertBothRoutesRefuse(realm, "");
            assertBothRoutesRefuse(realm, forged);
            assertBothRoutesRefuse(realm, swapped);
        }

        @Test
        void bothRoutesRefuseAnAdminKey(TestRealm realm) {
            assertBothRoutesRefuse(realm, realm.adminKey());
        }

        @Test
        void bothRoutesRefuseAStatsKey(TestRealm realm) {
            assertBothRoutesRefuse(realm, realm.statsKey());
        }

        @Test
        void bothRoutesRefuseADisabledDeviceKey(TestRealm realm) {
            CreatedApiKey second = apiKeys.create(realm.id(), ApiKeyType.DEVICE, "second device", Actor.system());
            apiKeys.disable(second.summary().realm(), second.summary().id(), Actor.system());
            assertBothRoutesRefuse(realm, second.key());
        }

        @Test
        void bothRoutesRefuseADeviceKeyOfADisabledRealm(TestRealm realm) {
            // the key works before the realm is disabled
            assertThat(verify(realm, "00000000").errorCode()).isEqualTo("code_invalid");
            Issued issued = issue(realm, "confirmed");
            String token = tokenFor(realm);

            realms.update(realm.id(), Map.of("disabled", "true"), Actor.system());

            assertUnauthorized(api.post("/api/verify", realm.deviceKey(), Map.of("code", issued.code())));
            assertUnauthorized(
                    api.post("/api/certificate", realm.deviceKey(), Map.of("token", token, "ekeyhmac", hmac())));
            assertThat(claimed(realm, issued)).isFalse();
            assertThat(tokenUsed(realm, token)).isFalse();
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Issued(String uuid, String code, String longCode) {}

    private TestRealm realm() {
        return TestRealm.create(realms, apiKeys);
    }

    private TestRealm smsRealm() {
        return TestRealm.create(realms, apiKeys, Map.of("require_date", "false", "allow_generated_sms", "true"));
    }

    private final AtomicInteger userReportPhones = new AtomicInteger();

    private TestRealm userReportRealm() {
        return TestRealm.create(
                realms,
                apiKeys,
                Map.of("require_date", "false", "allowed_test_types", ALL_TYPES, "allow_admin_user_report", "true"));
    }

    private Issued issue(TestRealm realm, String testType) {
        if (testType.equalsIgnoreCase("user-report")) {
            // a user report needs a phone, and one phone gets one report at a time
            String phone = String.format("+1206555%04d", 100 + userReportPhones.getAndIncrement() % 100);
            return issue(realm, Map.of("testType", testType, "phone", phone));
        }
        return issue(realm, Map.of("testType", testType));
    }

    private Issued issue(TestRealm realm, Map<String, ?> request) {
        ApiClient.Response issued = api.post("/api/issue", realm.adminKey(), request);
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        JsonNode body = issued.json();
        return new Issued(body.path("uuid").asString(), body.path("code").asString(), null);
    }

    private Issued issueWithPhone(TestRealm realm, String testType) {
        ApiClient.Response issued = api.post(
                "/api/issue", realm.adminKey(), Map.of("testType", testType, "phone", PHONE, "onlyGenerateSMS", true));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        JsonNode body = issued.json();
        Matcher longCode = LONG_CODE.matcher(body.path("generatedSMS").asString());
        assertThat(longCode.find()).as(body.path("generatedSMS").asString()).isTrue();
        assertThat(body.path("longExpiresAtTimestamp").asLong()
                        - body.path("expiresAtTimestamp").asLong())
                .isEqualTo(Duration.ofHours(24).minusMinutes(15).toSeconds());
        return new Issued(body.path("uuid").asString(), body.path("code").asString(), longCode.group(1));
    }

    private ApiClient.Response verify(TestRealm realm, String code) {
        return api.post("/api/verify", realm.deviceKey(), Map.of("code", code));
    }

    private ApiClient.Response verify(TestRealm realm, String code, List<String> accept) {
        return api.post("/api/verify", realm.deviceKey(), Map.of("code", code, "accept", accept));
    }

    private String tokenFor(TestRealm realm) {
        ApiClient.Response verified = verify(realm, issue(realm, "confirmed").code());
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return verified.json().path("token").asString();
    }

    private ApiClient.Response certificate(TestRealm realm, String token, String ekeyhmac) {
        return api.post("/api/certificate", realm.deviceKey(), Map.of("token", token, "ekeyhmac", ekeyhmac));
    }

    /** The token was not spent by what came before: it still buys exactly one certificate. */
    private void assertTokenStillGood(TestRealm realm, String token) {
        assertThat(tokenUsed(realm, token)).isFalse();
        ApiClient.Response certified = certificate(realm, token, hmac());
        assertThat(certified.status()).as(certified.body()).isEqualTo(200);
        assertThat(certified.json().path("certificate").asString()).isNotBlank();
        assertThat(tokenUsed(realm, token)).isTrue();
    }

    private void assertBothRoutesRefuse(TestRealm realm, String key) {
        Issued issued = issue(realm, "confirmed");
        String token = tokenFor(realm);

        assertUnauthorized(api.post("/api/verify", key, Map.of("code", issued.code())));
        assertUnauthorized(api.post("/api/certificate", key, Map.of("token", token, "ekeyhmac", hmac())));
        assertThat(claimed(realm, issued)).isFalse();
        assertThat(tokenUsed(realm, token)).isFalse();
    }

    private static void assertUnauthorized(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json().path("error").asString()).isEqualTo("unauthorized");
        assertThat(response.json().path("errorCode").asString()).isEqualTo("unauthorized");
        assertThat(response.json().path("error_code").asString()).isEqualTo("unauthorized");
    }

    private static void assertError(ApiClient.Response response, int status, String errorCode) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.body()).isEqualTo(errorCode);
        assertThat(response.json().path("error_code").asString()).isEqualTo(errorCode);
        assertThat(response.json().path("error").asString()).isNotBlank();
        assertThat(response.json().has("token")).isFalse();
        assertThat(response.json().has("certificate")).isFalse();
    }

    private boolean claimed(TestRealm realm, Issued issued) {
        return jdbc.sql("SELECT claimed_at IS NOT NULL FROM verification_codes WHERE realm_id = ? AND uuid = ?")
                .params(realm.id().value(), UUID.fromString(issued.uuid()))
                .query(Boolean.class)
                .single();
    }

    private boolean tokenUsed(TestRealm realm, String token) {
        String jti = claims(token).path("jti").asString();
        return jdbc.sql("SELECT used_at IS NOT NULL FROM tokens WHERE realm_id = ? AND token_hash = ?")
                .params(realm.id().value(), Verification.tokenHash(jti))
                .query(Boolean.class)
                .single();
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** A verify request of exactly {@code size} bytes, filled up with ignored padding. */
    private static String bodyOfSize(String code, int size) {
        String start = "{\"code\":\"" + code + "\",\"padding\":\"";
        String end = "\"}";
        return start + "A".repeat(size - start.length() - end.length()) + end;
    }

    /** A certificate request of exactly {@code size} bytes with a garbage token. */
    private static String certificateBodyOfSize(int size) {
        String start = "{\"token\":\"garbage\",\"ekeyhmac\":\"" + hmac() + "\",\"padding\":\"";
        String end = "\"}";
        return start + "A".repeat(size - start.length() - end.length()) + end;
    }

    private static String hmac() {
        return Base64.getEncoder().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
