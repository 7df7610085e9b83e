package org.enverify.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Realms;
import org.enverify.stats.DailyRealmCounts;
import org.enverify.stats.RealmCounters;
import org.enverify.support.ApiClient;
import org.enverify.support.ApiClient.Response;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.MutableClock;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal of the admin API (§4.1–4.4 of the wire contract) over real HTTP. A refused request
 * must leave the realm's codes exactly as they were, and no response may leak a stack trace.
 */
@EnverifyIntegrationTest
class AdminApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UNAUTHORIZED_BODY =
            "{\"error\":\"unauthorized\",\"errorCode\":\"unauthorized\",\"error_code\":\"unauthorized\"}";
    private static final DateTimeFormatter RFC_1123_UTC =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT);
    private static final Pattern LONG_CODE = Pattern.compile("\\b[a-z0-9]{16}\\b");
    private static final long DEFAULT_CODE_SECONDS = Duration.ofMinutes(15).toSeconds();
    private static final long DEFAULT_LONG_CODE_SECONDS = Duration.ofHours(24).toSeconds();

    /** The two routes whose body reading is exercised in depth, each with its smallest valid body. */
    enum Route {
        ISSUE("/api/issue"),
        EXPIRE("/api/expirecode");

        final String path;

        Route(String path) {
            this.path = path;
        }

        /** A valid body; {@code uuid} names a live code of the realm (used by expirecode). */
        String validBody(String uuid) {
            return this == ISSUE ? j("{'testType':'confirmed'}") : j("{'uuid':'" + uuid + "'}");
        }

        /** The valid body with one more member, written raw: {@code member} is {@code "name":value}. */
        String validBodyWith(String uuid, String member) {
            String body = validBody(uuid);
            return body.substring(0, body.length() - 1) + "," + member + "}";
        }

        /** The same body with its field names in upper case. */
        String upperCaseBody(String uuid) {
            return this == ISSUE ? j("{'TESTTYPE':'confirmed'}") : j("{'UUID':'" + uuid + "'}");
        }
    }

    @LocalServerPort
    int port;

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
        if (LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).isAfter(LocalTime.of(23, 58))) {
            // date rules compare with "today"; never let a test straddle UTC midnight
            clock.advance(Duration.ofMinutes(5));
        }
    }

    /** {@code /api/issue}: one code, and every rule of its request in the contract's order. */
    @Nested
    class Issue {

        @Test
        void issueAnswersWithTheContractsShape(TestRealm realm) {
            long before = clock.instant().getEpochSecond();

            Response response = issue(realm, j("{'testType':'confirmed'}"));

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(UUID.fromString(body.path("uuid").asString())).isNotNull();
            assertThat(body.path("code").asString()).matches("\\d{8}");
            assertThat(body.path("expiresAtTimestamp").asLong())
                    .isBetween(before + DEFAULT_CODE_SECONDS, clock.instant().getEpochSecond() + DEFAULT_CODE_SECONDS);
            assertThat(epochSecondOf(body.path("expiresAt").asString()))
                    .isEqualTo(body.path("expiresAtTimestamp").asLong());
            assertThat(body.path("longExpiresAt").asString())
                    .as("without a phone the long code expires with the short one")
                    .isEqualTo(body.path("expiresAt").asString());
            assertThat(body.path("longExpiresAtTimestamp").asLong())
                    .isEqualTo(body.path("expiresAtTimestamp").asLong());
            assertThat(body.path("padding").asString()).isNotEmpty();
            assertThat(body.has("generatedSMS")).isFalse();
            assertThat(body.has("phone")).isFalse();
            assertThat(body.has("errorCode")).isFalse();
            assertThat(codeCount(realm)).isEqualTo(1);
        }

        @Test
        void issueIsRefusedWhileTheRealmIsInMaintenance() {
            TestRealm realm = realm("maintenance_mode", "true");

            Response response =
                    assertRefused(realm, () -> issue(realm, j("{'testType':'confirmed'}")), 429, "maintenance_mode");

            assertThat(response.json().path("error_code").asString()).isEqualTo("maintenance_mode");
        }

        @Test
        void issueNeedsADateWhenTheRealmRequiresOne() {
            TestRealm realm = realm("require_date", "true");

            assertRefused(realm, () -> issue(realm, j("{'testType':'confirmed'}")), 400, "missing_date");
            assertRefused(
                    realm, () -> issue(realm, j("{'testType':'confirmed','symptomDate':''}")), 400, "missing_date");

            assertThat(issue(realm, dated("testDate", today())).status()).isEqualTo(200);
            assertThat(issue(realm, dated("symptomDate", today())).status()).isEqualTo(200);
        }

        @ParameterizedTest(name = "symptomDate \"{0}\"")
        @ValueSource(
                strings = {"2026-02-30", "2026-2-3", "yesterday", "2026-13-01", "26-01-01", "2026/01/01", " 2026-01-01"
                })
        void aDateThatIsNotYyyyMmDdIsUnparsable(String date) {
            TestRealm realm = realm();

            assertRefused(
                    realm,
                    () -> issue(realm, json("testType", "confirmed", "symptomDate", date)),
                    400,
                    "unparsable_request");
            assertRefused(
                    realm,
                    () -> issue(realm, json("testType", "confirmed", "testDate", date)),
                    400,
                    "unparsable_request");
        }

        @Test
        void aDateGivenAsANumberIsUnparsable(TestRealm realm) {
            assertRefused(
                    realm,
                    () -> issue(realm, j("{'testType':'confirmed','symptomDate':20260101}")),
                    400,
                    "unparsable_request");
            assertRefused(
                    realm,
                    () -> issue(realm, j("{'testType':'confirmed','testDate':1767225600}")),
                    400,
                    "unparsable_request");
        }

        @Test
        void aDateOutsideTodayMinus28DaysToTodayIsInvalid(TestRealm realm) {
            assertRefused(realm, () -> issue(realm, dated("symptomDate", today().minusDays(29))), 400, "invalid_date");
            assertRefused(realm, () -> issue(realm, dated("testDate", today().minusDays(29))), 400, "invalid_date");
            assertRefused(realm, () -> issue(realm, dated("symptomDate", today().plusDays(1))), 400, "invalid_date");
            assertRefused(realm, () -> issue(realm, dated("testDate", today().plusDays(1))), 400, "invalid_date");
            assertRefused(
                    realm,
                    () -> issue(realm, dated("symptomDate", today().plusDays(1), "tzOffset", 600)),
                    400,
                    "invalid_date");

            assertThat(issue(realm, dated("symptomDate", today().minusDays(28))).status())
                    .isEqualTo(200);
            assertThat(issue(realm, dated("testDate", today())).status()).isEqualTo(200);
        }

        @Test
        void aNegativeTzOffsetWidensTheLowerBoundByExactlyOneDay(TestRealm realm) {
            LocalDate dayBeforeTheRange = today().minusDays(29);

            assertThat(issue(realm, dated("symptomDate", dayBeforeTheRange, "tzOffset", -60))
                            .status())
                    .isEqualTo(200);

            assertRefused(realm, () -> issue(realm, dated("symptomDate", dayBeforeTheRange)), 400, "invalid_date");
            assertRefused(
                    realm,
                    () -> issue(realm, dated("symptomDate", dayBeforeTheRange, "tzOffset", 60)),
                    400,
                    "invalid_date");
            assertRefused(
                    realm,
                    () -> issue(realm, dated("symptomDate", today().minusDays(30), "tzOffset", -60)),
                    400,
                    "invalid_date");
        }

        @Test
        void theRangeOfPastDaysIsTheRealmsSetting() {
            TestRealm realm = realm("allowed_past_days", "5");

            assertThat(issue(realm, dated("symptomDate", today().minusDays(5))).status())
                    .isEqualTo(200);
            assertRefused(realm, () -> issue(realm, dated("symptomDate", today().minusDays(6))), 400, "invalid_date");
        }

        @ParameterizedTest(name = "testType {0}")
        @ValueSource(strings = {"positive", "", "confirmed,likely", "2"})
        void anUnknownTestTypeIsInvalid(String testType, TestRealm realm) {
            assertRefused(realm, () -> issue(realm, json("testType", testType)), 400, "invalid_test_type");
        }

        @Test
        void aMissingTestTypeIsInvalid(TestRealm realm) {
            assertRefused(realm, () -> issue(realm, "{}"), 400, "invalid_test_type");
            assertRefused(realm, () -> issue(realm, j("{'testType':null}")), 400, "invalid_test_type");
        }

        @Test
        void aTestTypeTheRealmDoesNotAllowIsUnsupported() {
            TestRealm realm = realm("allowed_test_types", "confirmed");

            assertRefused(realm, () -> issue(realm, json("testType", "likely")), 400, "unsupported_test_type");
            assertRefused(realm, () -> issue(realm, json("testType", "negative")), 400, "unsupported_test_type");
            assertThat(issue(realm, json("testType", "CONFIRMED")).status()).isEqualTo(200);
        }

        @Test
        void aUserReportNeedsTheAdminUserReportSetting(TestRealm withoutType) {
            TestRealm withoutSetting = realm("allowed_test_types", "confirmed,likely,negative,user-report");

            assertRefused(
                    withoutType,
                    () -> issue(withoutType, json("testType", "user-report")),
                    400,
                    "unsupported_test_type");
            assertRefused(
                    withoutSetting,
                    () -> issue(withoutSetting, json("testType", "user-report")),
                    400,
                    "unsupported_test_type");
        }

        @ParameterizedTest(name = "phone \"{0}\"")
        @ValueSource(strings = {"call me maybe", "abc-def-ghij", "1234567890123456789012345678901234567890", "555"})
        void aPhoneThatIsNotANumberIsInvalid(String phone) {
            TestRealm realm = realm("allow_generated_sms", "true");

            assertRefused(
                    realm,
                    () -> issue(realm, json("testType", "confirmed", "phone", phone, "onlyGenerateSMS", true)),
                    400,
                    "phone_number_invalid");
        }

        @Test
        void aNationalNumberIsReadInTheRealmsSmsCountry() {
            TestRealm mexico = realm("allow_generated_sms", "true", "sms_country", "MX");
            String seattle = "(206) 555-0100";

            assertRefused(
                    mexico,
                    () -> issue(mexico, json("testType", "confirmed", "phone", seattle, "onlyGenerateSMS", true)),
                    400,
                    "phone_number_invalid");

            assertThat(generateSms(mexico, "55 1234 5678").path("phone").asString())
                    .isEqualTo("+525512345678");
            assertThat(generateSms(mexico, "+1 206 555 0100").path("phone").asString())
                    .isEqualTo("+12065550100");
            assertThat(generateSms(realm("allow_generated_sms", "true"), seattle)
                            .path("phone")
                            .asString())
                    .isEqualTo("+12065550100");
        }

        @Test
        void onlyGenerateSmsNeedsTheRealmSetting(TestRealm realm) {
            assertRefused(
                    realm,
                    () -> issue(
                            realm, json("testType", "confirmed", "phone", "(206) 555-0100", "onlyGenerateSMS", true)),
                    400,
                    "unparsable_request");
        }

        @Test
        void onlyGenerateSmsNeedsAPhone() {
            TestRealm realm = realm("allow_generated_sms", "true");

            assertRefused(
                    realm,
                    () -> issue(realm, json("testType", "confirmed", "onlyGenerateSMS", true)),
                    400,
                    "missing_phone");
            assertRefused(
                    realm,
                    () -> issue(realm, json("testType", "confirmed", "phone", " ", "onlyGenerateSMS", true)),
                    400,
                    "missing_phone");
        }

        @Test
        void onlyGenerateSmsReturnsTheTextWithTheLongCode() {
            TestRealm realm = realm("allow_generated_sms", "true");

            JsonNode issued = generateSms(realm, "(206) 555-0100");

            assertThat(issued.path("phone").asString()).isEqualTo("+12065550100");
            String sms = issued.path("generatedSMS").asString();
            assertThat(sms).doesNotContain(issued.path("code").asString());
            Matcher longCode = LONG_CODE.matcher(sms);
            assertThat(longCode.find())
                    .as("a 16-character long code in %s", sms)
                    .isTrue();
            assertThat(issued.path("longExpiresAtTimestamp").asLong()
                            - issued.path("expiresAtTimestamp").asLong())
                    .isEqualTo(DEFAULT_LONG_CODE_SECONDS - DEFAULT_CODE_SECONDS);
            assertThat(epochSecondOf(issued.path("longExpiresAt").asString()))
                    .isEqualTo(issued.path("longExpiresAtTimestamp").asLong());
            assertThat(codeCount(realm)).isEqualTo(1);

            Response verified = verify(realm, longCode.group());
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.json().path("testtype").asString()).isEqualTo("confirmed");
        }

        @Test
        void aPhoneWithoutOnlyGenerateSmsIsSentThroughTheDefaultLogProvider(TestRealm realm) {
            JsonNode issued = issueOk(realm, json("testType", "confirmed", "phone", "(206) 555-0100"));

            assertThat(issued.has("phone"))
                    .as("as upstream, the number is echoed only with onlyGenerateSMS")
                    .isFalse();
            assertThat(issued.toString()).doesNotContain("555").doesNotContain("5550100");
            assertThat(issued.has("generatedSMS"))
                    .as("the text went to the provider, not back to the caller")
                    .isFalse();
            assertThat(issued.path("longExpiresAtTimestamp").asLong()
                            - issued.path("expiresAtTimestamp").asLong())
                    .as("with an SMS the long code lives longer")
                    .isEqualTo(DEFAULT_LONG_CODE_SECONDS - DEFAULT_CODE_SECONDS);
            assertThat(codeCount(realm)).isEqualTo(1);
        }

        @ParameterizedTest(name = "uuid \"{0}\"")
        @ValueSource(
                strings = {
                    "not-a-uuid",
                    "3fa85f64-5717-4562-b3fc-2c963f66afa",
                    "3fa85f6457174562b3fc2c963f66afa",
                    "3fa85f6457174562b3fc2c963f66afa6a",
                    "[3fa85f64-5717-4562-b3fc-2c963f66afa6]",
                    "{3fa85f64-5717-4562-b3fc-2c963f66afa6",
                    "urn:uid:3fa85f64-5717-4562-b3fc-2c963f66afa6",
                    "urn:uuid:3fa85f6457174562b3fc2c963f66afa6",
                    "{3fa85f6457174562b3fc2c963f66afa6}",
                    "3fa85f64-5717-4562-b3fc2c963f66afa6-",
                    "3fa85f64-5717-4562-b3fc-2c963f66afg6",
                    "3fa85f64a5717a4562ab3fca2c963f66afa6"
                })
        void aUuidThatIsNotAUuidIsUnparsable(String uuid) {
            TestRealm realm = realm();

            assertRefused(
                    realm, () -> issue(realm, json("testType", "confirmed", "uuid", uuid)), 400, "unparsable_request");
        }

        @ParameterizedTest(name = "uuid \"{0}\"")
        @ValueSource(
                strings = {
                    "3FA85F64-5717-4562-B3FC-2C963F66AFA6",
                    "3fa85f6457174562b3fc2c963f66afa6",
                    "urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6",
                    "URN:UUID:3FA85F64-5717-4562-B3FC-2C963F66AFA6",
                    "{3fa85f64-5717-4562-b3fc-2c963f66afa6}"
                })
        void aUuidInAnyFormUpstreamParsesIsTakenAndAnsweredCanonically(String form, TestRealm realm) {
            String canonical = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

            JsonNode issued = issueOk(realm, json("testType", "confirmed", "uuid", form));

            assertThat(issued.path("uuid").asString()).isEqualTo(canonical);
            assertThat(status(realm, canonical).status()).isEqualTo(200);
        }

        @Test
        void theClientsUuidIsEchoedBack(TestRealm realm) {
            String uuid = UUID.randomUUID().toString();

            JsonNode issued = issueOk(realm, json("testType", "confirmed", "uuid", uuid));

            assertThat(issued.path("uuid").asString()).isEqualTo(uuid);
            assertThat(status(realm, uuid).status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"false", "true"})
        void aStoredCodeHasOneIssuedEventAndIsCountedOnceWithOrWithoutAQuota(String abusePrevention) {
            TestRealm realm = realm("abuse_prevention_enabled", abusePrevention);
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

            String uuid =
                    issueOk(realm, j("{'testType':'likely'}")).path("uuid").asString();

            assertThat(jdbc.sql("SELECT data->>'uuid' || ' ' || (data->>'testType') FROM events"
                                    + " WHERE realm_id = ? AND type = 'code.issued'")
                            .param(realm.id().value())
                            .query(String.class)
                            .list())
                    .containsExactly(uuid + " likely");
            assertThat(counters.daily(realm.id(), today, today))
                    .singleElement()
                    .extracting(DailyRealmCounts::codesIssued)
                    .isEqualTo(1L);
            assertThat(jdbc.sql("SELECT used FROM realm_quota_days WHERE realm_id = ?")
                            .param(realm.id().value())
                            .query(Integer.class)
                            .list())
                    .as("a token of the day's quota only under abuse prevention")
                    .isEqualTo(Boolean.parseBoolean(abusePrevention) ? List.of(1) : List.of());
        }

        @Test
        void aReusedUuidConflicts(TestRealm realm, TestRealm other) {
            String uuid = UUID.randomUUID().toString();
            issueOk(realm, json("testType", "confirmed", "uuid", uuid));

            assertRefused(
                    realm, () -> issue(realm, json("testType", "likely", "uuid", uuid)), 409, "uuid_already_exists");
            assertRefused(
                    realm,
                    () -> issue(realm, json("testType", "likely", "uuid", uuid.toUpperCase(Locale.ROOT))),
                    409,
                    "uuid_already_exists");

            assertThat(issueOk(other, json("testType", "confirmed", "uuid", uuid))
                            .path("uuid")
                            .asString())
                    .as("a uuid is unique within its realm only")
                    .isEqualTo(uuid);
        }

        @Test
        void anExternalIssuerIdWithANulCharacterIsRefusedNotAServerError(TestRealm realm) {
            assertRefused(
                    realm,
                    () -> issue(realm, json("testType", "confirmed", "externalIssuerID", "lab\u0000a")),
                    400,
                    "unparsable_request");
        }

        @Test
        void anExternalIssuerIdLongerThan255CharactersIsRefused(TestRealm realm) {
            assertRefused(
                    realm,
                    () -> issue(realm, json("testType", "confirmed", "externalIssuerID", "x".repeat(256))),
                    400,
                    "unparsable_request");

            String longest = "é" + "x".repeat(254);
            String uuid = issueOk(realm, json("testType", "confirmed", "externalIssuerID", longest))
                    .path("uuid")
                    .asString();
            assertThat(jdbc.sql("SELECT issuing_external_id FROM verification_codes WHERE realm_id = ? AND uuid = ?")
                            .params(realm.id().value(), UUID.fromString(uuid))
                            .query(String.class)
                            .single())
                    .isEqualTo(longest);
        }

        @Test
        void theRulesApplyInTheContractsOrder() {
            TestRealm maintenance = realm("maintenance_mode", "true");
            assertRefused(maintenance, () -> issue(maintenance, json("testType", "bogus")), 429, "maintenance_mode");

            TestRealm datesRequired = realm("require_date", "true");
            assertRefused(datesRequired, () -> issue(datesRequired, json("testType", "bogus")), 400, "missing_date");

            TestRealm realm = realm();
            String takenUuid = issueUuid(realm);
            assertRefused(
                    realm,
                    () -> issue(
                            realm,
                            json(
                                    "testType",
                                    "bogus",
                                    "symptomDate",
                                    today().plusDays(1).toString())),
                    400,
                    "invalid_date");
            assertRefused(
                    realm,
                    () -> issue(realm, json("testType", "bogus", "phone", "call me maybe")),
                    400,
                    "invalid_test_type");
            assertRefused(
                    realm,
                    () -> issue(
                            realm, json("testType", "confirmed", "phone", "call me maybe", "onlyGenerateSMS", true)),
                    400,
                    "phone_number_invalid");
            assertRefused(
                    realm,
                    () -> issue(realm, json("testType", "confirmed", "phone", "(206) 555-0100", "uuid", takenUuid)),
                    409,
                    "uuid_already_exists");

            TestRealm generated = realm("allow_generated_sms", "true");
            String generatedUuid = issueUuid(generated);
            assertRefused(
                    generated,
                    () -> issue(
                            generated, json("testType", "confirmed", "onlyGenerateSMS", true, "uuid", generatedUuid)),
                    400,
                    "missing_phone");
        }

        @Test
        void theShortCodeHasTheRealmsCodeLength() {
            TestRealm realm = realm("code_length", "6");

            for (int i = 0; i < 5; i++) {
                assertThat(issueOk(realm, json("testType", "confirmed"))
                                .path("code")
                                .asString())
                        .matches("\\d{6}");
            }
        }
    }

    /** {@code /api/batch-issue}: up to ten requests answered in order. */
    @Nested
    class BatchIssue {

        @Test
        void batchIssueNeedsTheRealmSetting(TestRealm realm) {
            assertRefused(realm, () -> batch(realm, batchOf(1)), 400, "bulk_disabled");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "{'codes':[]}",
                    "{}",
                    "{'codes':null}",
                    "{'codes':[null]}",
                    "{'codes':'confirmed'}",
                    "{'codes':{'testType':'confirmed'}}",
                    "{'codes':[{'testType':'confirmed','nope':1}]}",
                    "{'codes':[{'testType':2}]}"
                })
        void aBatchThatIsNotOneToTenRequestsIsUnparsable(String body) {
            TestRealm realm = bulkRealm();

            assertRefused(realm, () -> batch(realm, j(body)), 400, "unparsable_request");
        }

        @Test
        void aBatchOfElevenIsUnparsable() {
            TestRealm realm = bulkRealm();

            assertRefused(realm, () -> batch(realm, batchOf(11)), 400, "unparsable_request");
        }

        @Test
        void batchIssueIsRefusedWhileTheRealmIsInMaintenance() {
            TestRealm realm = realm("allow_bulk_upload", "true", "maintenance_mode", "true");

            assertRefused(realm, () -> batch(realm, batchOf(2)), 429, "maintenance_mode");
        }

        @Test
        void aMixedBatchAnswersWithTheFirstFailureAndKeepsRequestOrder() {
            TestRealm realm = bulkRealm();

            Response response = batch(
                    realm,
                    j("{'codes':[{'testType':'confirmed'},{'testType':'bogus'},{'testType':'likely','uuid':'"
                            + UUID.randomUUID() + "'}]}"));

            assertThat(response.status()).isEqualTo(400);
            assertNoLeak(response);
            JsonNode body = response.json();
            assertThat(body.path("errorCode").asString()).isEqualTo("invalid_test_type");
            assertThat(body.path("error").asString()).isNotBlank();
            JsonNode items = body.path("codes");
            assertThat(items.size()).isEqualTo(3);
            assertThat(items.get(0).path("code").asString()).matches("\\d{8}");
            assertThat(items.get(1).propertyNames()).containsExactlyInAnyOrder("error", "errorCode");
            assertThat(items.get(1).path("errorCode").asString()).isEqualTo("invalid_test_type");
            assertThat(items.get(2).path("code").asString()).matches("\\d{8}");

            assertThat(storedUuids(realm))
                    .containsExactlyInAnyOrder(
                            items.get(0).path("uuid").asString(),
                            items.get(2).path("uuid").asString());
            assertThat(status(realm, items.get(2).path("uuid").asString()).status())
                    .isEqualTo(200);
        }

        @Test
        void aBatchOfTenValidRequestsSucceeds() {
            TestRealm realm = bulkRealm();

            Response response = batch(realm, batchOf(10));

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.has("error")).isFalse();
            assertThat(body.has("errorCode")).isFalse();
            assertThat(body.path("padding").asString()).isNotEmpty();
            Set<String> uuids = new HashSet<>();
            for (JsonNode item : body.path("codes")) {
                assertThat(item.path("code").asString()).matches("\\d{8}");
                assertThat(item.has("errorCode")).isFalse();
                uuids.add(item.path("uuid").asString());
            }
            assertThat(uuids).hasSize(10);
            assertThat(storedUuids(realm)).containsExactlyInAnyOrderElementsOf(uuids);
        }

        @Test
        void aBatchRecordsOneIssuedEventPerStoredCode() {
            TestRealm realm = bulkRealm();

            Response response = batch(
                    realm,
                    j("{'codes':[{'testType':'confirmed'},{'testType':'bogus'},{'testType':'likely','uuid':'"
                            + UUID.randomUUID() + "'},{'testType':'confirmed'}]}"));

            JsonNode items = response.json().path("codes");
            List<String> issued = List.of(
                    items.get(0).path("uuid").asString(),
                    items.get(2).path("uuid").asString(),
                    items.get(3).path("uuid").asString());
            assertThat(storedUuids(realm)).containsExactlyInAnyOrderElementsOf(issued);
            assertThat(jdbc.sql("SELECT data->>'uuid' FROM events WHERE realm_id = ? AND type = 'code.issued'")
                            .param(realm.id().value())
                            .query(String.class)
                            .list())
                    .containsExactlyInAnyOrderElementsOf(issued);
        }

        @Test
        void aUuidRepeatedInsideABatchIsAConflict() {
            TestRealm realm = bulkRealm();
            String uuid = UUID.randomUUID().toString();

            Response response = batch(
                    realm,
                    j("{'codes':[{'testType':'confirmed','uuid':'" + uuid + "'},{'testType':'confirmed','uuid':'" + uuid
                            + "'}]}"));

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.json().path("errorCode").asString()).isEqualTo("uuid_already_exists");
            assertThat(response.json().path("codes").get(0).path("uuid").asString())
                    .isEqualTo(uuid);
            assertThat(response.json().path("codes").get(1).path("errorCode").asString())
                    .isEqualTo("uuid_already_exists");
            assertThat(storedUuids(realm)).containsExactly(uuid);
        }
    }

    /** {@code /api/checkcodestatus}: whether a code of the realm was claimed, and when it expires. */
    @Nested
    class CheckCodeStatus {

        @Test
        void theStatusOfAnUnknownCodeIsNotFound(TestRealm realm) {
            issueUuid(realm);

            assertRefused(realm, () -> status(realm, UUID.randomUUID().toString()), 404, "code_not_found");
            assertRefused(realm, () -> status(realm, "not-a-uuid"), 404, "code_not_found");
            assertRefused(realm, () -> post("/api/checkcodestatus", realm.adminKey(), "{}"), 404, "code_not_found");
        }

        @Test
        void everyUuidFormUpstreamParsesFindsTheCode(TestRealm realm) {
            String uuid = issueUuid(realm);

            for (String form : upstreamForms(uuid)) {
                assertThat(status(realm, form).status()).as(form).isEqualTo(200);
            }
            assertRefused(realm, () -> status(realm, "{" + uuid.replace("-", "") + "}"), 404, "code_not_found");
        }

        @Test
        void theStatusOfAnotherRealmsCodeIsNotFound(TestRealm owner, TestRealm stranger) {
            String uuid = issueUuid(owner);

            assertRefused(owner, () -> status(stranger, uuid), 404, "code_not_found");
        }

        @Test
        void theStatusTellsWhetherTheCodeWasClaimedAndWhenItExpires(TestRealm realm) {
            JsonNode issued = issueOk(realm, json("testType", "confirmed"));
            String uuid = issued.path("uuid").asString();

            JsonNode before = statusOk(realm, uuid);
            assertThat(before.path("claimed").asBoolean()).isFalse();
            assertThat(before.path("expiresAtTimestamp").asLong())
                    .isEqualTo(issued.path("expiresAtTimestamp").asLong());
            assertThat(before.path("longExpiresAtTimestamp").asLong())
                    .isEqualTo(issued.path("longExpiresAtTimestamp").asLong());
            assertThat(before.path("padding").asString()).isNotEmpty();

            assertThat(verify(realm, issued.path("code").asString()).status()).isEqualTo(200);

            JsonNode after = statusOk(realm, uuid);
            assertThat(after.path("claimed").asBoolean()).isTrue();
            assertThat(after.path("expiresAtTimestamp").asLong())
                    .isEqualTo(issued.path("expiresAtTimestamp").asLong());
            assertThat(after.path("longExpiresAtTimestamp").asLong())
                    .isEqualTo(issued.path("longExpiresAtTimestamp").asLong());
        }
    }

    /** {@code /api/expirecode}: ending a live code of the realm before its time. */
    @Nested
    class ExpireCode {

        @Test
        void expiringAnUnknownCodeIsNotFound(TestRealm realm) {
            issueUuid(realm);

            assertRefused(realm, () -> expire(realm, UUID.randomUUID().toString()), 404, "code_not_found");
        }

        @ParameterizedTest(name = "uuid \"{0}\"")
        @ValueSource(strings = {"not-a-uuid", "", "3fa85f64-5717-4562-b3fc-2c963f66afa"})
        void expiringSomethingThatIsNotAUuidIsUnparsable(String uuid, TestRealm realm) {
            issueUuid(realm);

            assertRefused(realm, () -> expire(realm, uuid), 400, "unparsable_request");
            assertRefused(realm, () -> post("/api/expirecode", realm.adminKey(), "{}"), 400, "unparsable_request");
        }

        @ParameterizedTest(name = "form {index}")
        @ValueSource(ints = {0, 1, 2, 3, 4})
        void everyUuidFormUpstreamParsesExpiresTheCode(int form, TestRealm realm) {
            JsonNode issued = issueOk(realm, json("testType", "confirmed"));
            String uuid = issued.path("uuid").asString();

            JsonNode body = expireOk(realm, upstreamForms(uuid).get(form));

            assertThat(body.path("uuid").asString()).isEqualTo(uuid);
            assertError(verify(realm, issued.path("code").asString()), 400, "code_expired");
        }

        @Test
        void anExpiredCodeCanNoLongerBeVerified(TestRealm realm) {
            JsonNode issued = issueOk(realm, json("testType", "confirmed"));
            String uuid = issued.path("uuid").asString();
            long issuedAt = clock.instant().getEpochSecond();

            Response expired = expire(realm, uuid);

            assertThat(expired.status()).isEqualTo(200);
            JsonNode body = expired.json();
            long now = clock.instant().getEpochSecond();
            assertThat(body.path("uuid").asString()).isEqualTo(uuid);
            assertThat(body.path("expiresAtTimestamp").asLong()).isBetween(issuedAt, now);
            assertThat(body.path("longExpiresAtTimestamp").asLong()).isBetween(issuedAt, now);
            assertThat(body.path("padding").asString()).isNotEmpty();
            assertThat(statusOk(realm, uuid).path("expiresAtTimestamp").asLong())
                    .isEqualTo(body.path("expiresAtTimestamp").asLong());

            assertError(verify(realm, issued.path("code").asString()), 400, "code_expired");
        }

        @Test
        void expiringAnSmsCodeEndsTheLongCodeToo() {
            TestRealm realm = realm("allow_generated_sms", "true");
            JsonNode issued = generateSms(realm, "(206) 555-0100");
            Matcher longCode = LONG_CODE.matcher(issued.path("generatedSMS").asString());
            assertThat(longCode.find()).isTrue();

            JsonNode body = expireOk(realm, issued.path("uuid").asString());

            assertThat(body.path("longExpiresAtTimestamp").asLong())
                    .isLessThanOrEqualTo(clock.instant().getEpochSecond());
            assertError(verify(realm, longCode.group()), 400, "code_expired");
        }

        @Test
        void expiringAnAlreadyExpiredCodeChangesNothing(TestRealm realm) {
            JsonNode issued = issueOk(realm, json("testType", "confirmed"));
            clock.advance(Duration.ofHours(25));

            JsonNode body = expireOk(realm, issued.path("uuid").asString());

            assertThat(body.path("uuid").asString())
                    .isEqualTo(issued.path("uuid").asString());
            assertThat(body.path("expiresAtTimestamp").asLong())
                    .isEqualTo(issued.path("expiresAtTimestamp").asLong());
            assertThat(body.path("longExpiresAtTimestamp").asLong())
                    .isEqualTo(issued.path("longExpiresAtTimestamp").asLong());
        }

        @Test
        void aClaimedCodeCannotBeExpired(TestRealm realm) {
            JsonNode issued = issueOk(realm, json("testType", "confirmed"));
            assertThat(verify(realm, issued.path("code").asString()).status()).isEqualTo(200);

            assertRefused(realm, () -> expire(realm, issued.path("uuid").asString()), 400, "code_already_claimed");
        }

        @Test
        void aClaimedAndExpiredCodeCannotBeExpiredEither(TestRealm realm) {
            JsonNode issued = issueOk(realm, json("testType", "confirmed"));
            assertThat(verify(realm, issued.path("code").asString()).status()).isEqualTo(200);
            clock.advance(Duration.ofHours(25));

            assertRefused(realm, () -> expire(realm, issued.path("uuid").asString()), 400, "code_already_claimed");
        }

        @Test
        void anotherRealmCannotExpireACode(TestRealm owner, TestRealm stranger) {
            JsonNode issued = issueOk(owner, json("testType", "confirmed"));

            assertRefused(owner, () -> expire(stranger, issued.path("uuid").asString()), 404, "code_not_found");

            assertThat(verify(owner, issued.path("code").asString()).status()).isEqualTo(200);
        }
    }

    /** A realm in maintenance refuses new codes only; status, expiry and its phones' flows go on. */
    @Nested
    class Maintenance {

        @Test
        void maintenanceNeverBlocksStatusAndExpiry(TestRealm realm) {
            String uuid = issueUuid(realm);
            realms.update(realm.id(), Map.of("maintenance_mode", "true"), Actor.system());

            assertThat(status(realm, uuid).status()).isEqualTo(200);
            assertThat(expire(realm, uuid).status()).isEqualTo(200);
        }

        @Test
        void aRealmInMaintenanceBlocksIssuingThereOnly() {
            TestRealm paused = bulkRealm();
            TestRealm other = bulkRealm();
            realms.update(paused.id(), Map.of("maintenance_mode", "true"), Actor.system());

            assertRefused(paused, () -> issue(paused, json("testType", "confirmed")), 429, "maintenance_mode");
            assertRefused(paused, () -> batch(paused, batchOf(1)), 429, "maintenance_mode");

            assertThat(issue(other, json("testType", "confirmed")).status()).isEqualTo(200);
            assertThat(batch(other, batchOf(2)).status()).isEqualTo(200);
            assertThat(codeCount(other)).isEqualTo(3);
        }

        @Test
        void aRealmInMaintenanceLetsItsPhonesFinishTheirFlows(TestRealm realm) {
            String code =
                    issueOk(realm, json("testType", "confirmed")).path("code").asString();
            realms.update(realm.id(), Map.of("maintenance_mode", "true"), Actor.system());

            Response verified = verify(realm, code);
            assertThat(verified.status())
                    .as("the realm flag blocks issuing, not verifying")
                    .isEqualTo(200);
            Response certificate = api.post(
                    "/api/certificate",
                    realm.deviceKey(),
                    Map.of(
                            "token",
                            verified.json().path("token").asString(),
                            "ekeyhmac",
                            Base64.getEncoder().encodeToString(new byte[32])));
            assertThat(certificate.status()).as(certificate.body()).isEqualTo(200);
        }
    }

    /** The admin key, on every route. */
    @Nested
    class Authentication {

        @Test
        void aRequestWithoutAKeyIsUnauthorizedOnEveryRoute() {
            TestRealm realm = bulkRealm();

            assertUnauthorizedEverywhere(realm, null);
        }

        @ParameterizedTest(name = "key \"{0}\"")
        @ValueSource(strings = {"garbage", "", "a.b.c", "AAAA.1.AAAA"})
        void aGarbageKeyIsUnauthorizedOnEveryRoute(String key) {
            TestRealm realm = bulkRealm();

            assertUnauthorizedEverywhere(realm, key);
        }

        @Test
        void aForgedKeyIsUnauthorizedOnEveryRoute() {
            TestRealm realm = bulkRealm();
            String[] parts = realm.adminKey().split("\\.");
            String otherSecret = (parts[0].charAt(0) == 'A' ? "B" : "A") + parts[0].substring(1);

            assertUnauthorizedEverywhere(realm, otherSecret + "." + parts[1] + "." + parts[2]);
            assertUnauthorizedEverywhere(realm, parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2]);
        }

        @Test
        void aDeviceKeyIsUnauthorizedOnEveryRoute() {
            TestRealm realm = bulkRealm();

            assertUnauthorizedEverywhere(realm, realm.deviceKey());
        }

        @Test
        void aStatsKeyIsUnauthorizedOnEveryRoute() {
            TestRealm realm = bulkRealm();

            assertUnauthorizedEverywhere(realm, realm.statsKey());
        }

        @Test
        void aDisabledAdminKeyIsUnauthorizedOnEveryRoute() {
            TestRealm realm = bulkRealm();
            String uuid = issueUuid(realm);
            long adminKeyId = apiKeys.list(realm.id()).stream()
                    .filter(key -> key.type() == ApiKeyType.ADMIN)
                    .findFirst()
                    .orElseThrow()
                    .id();
            apiKeys.disable(realm.id(), adminKeyId, Actor.system());

            assertUnauthorizedEverywhere(realm, realm.adminKey(), uuid);
        }

        @Test
        void theAdminKeyOfADisabledRealmIsUnauthorizedOnEveryRoute() {
            TestRealm realm = bulkRealm();
            String uuid = issueUuid(realm);
            realms.update(realm.id(), Map.of("disabled", "true"), Actor.system());

            assertUnauthorizedEverywhere(realm, realm.adminKey(), uuid);
        }

        @Test
        void spacesAroundTheKeyAreIgnored() {
            TestRealm realm = bulkRealm();
            String key = "  " + realm.adminKey() + "  ";
            String uuid = issueUuid(realm);

            assertThat(post("/api/issue", key, j("{'testType':'confirmed'}")).status())
                    .isEqualTo(200);
            assertThat(post("/api/batch-issue", key, batchOf(1)).status()).isEqualTo(200);
            assertThat(post("/api/checkcodestatus", key, uuidBody(uuid)).status())
                    .isEqualTo(200);
            assertThat(post("/api/expirecode", key, uuidBody(uuid)).status()).isEqualTo(200);
        }
    }

    /** How {@code /api/issue} and {@code /api/expirecode} read a body. */
    @Nested
    class RequestBodies {

        @ParameterizedTest
        @EnumSource(Route.class)
        void malformedJsonIsUnparsable(Route route, TestRealm realm) {
            String uuid = issueUuid(realm);
            String valid = route.validBody(uuid);

            assertBodyRefused(realm, route, valid.substring(0, valid.length() - 1));
            assertBodyRefused(realm, route, "{testType:confirmed}");
            assertBodyRefused(realm, route, valid + valid);
            assertBodyRefused(realm, route, valid + "x");
            assertBodyRefused(realm, route, "\u0000");
        }

        @ParameterizedTest
        @EnumSource(Route.class)
        void aBodyThatIsNotOneObjectIsUnparsable(Route route, TestRealm realm) {
            String uuid = issueUuid(realm);

            assertBodyRefused(realm, route, "[" + route.validBody(uuid) + "]");
            assertBodyRefused(realm, route, "[]");
            assertBodyRefused(realm, route, "null");
            assertBodyRefused(realm, route, "\"" + uuid + "\"");
            assertBodyRefused(realm, route, "42");
        }

        @ParameterizedTest
        @EnumSource(Route.class)
        void anEmptyBodyIsUnparsable(Route route, TestRealm realm) {
            issueUuid(realm);

            assertBodyRefused(realm, route, "");
            assertBodyRefused(realm, route, "  \n ");
        }

        @ParameterizedTest
        @EnumSource(Route.class)
        void aBodyThatIsNotDeclaredJsonIsUnparsable(Route route, TestRealm realm) {
            String body = route.validBody(issueUuid(realm));

            assertRefused(
                    realm, () -> api.post(route.path, realm.adminKey(), "text/plain", body), 400, "unparsable_request");
            assertRefused(realm, () -> api.post(route.path, realm.adminKey(), null, body), 400, "unparsable_request");
            assertRefused(
                    realm,
                    () -> api.post(route.path, realm.adminKey(), "application/x-www-form-urlencoded", body),
                    400,
                    "unparsable_request");
            assertRefused(
                    realm,
                    () -> api.post(route.path, realm.adminKey(), "application/jsonp", body),
                    400,
                    "unparsable_request");
        }

        @ParameterizedTest
        @EnumSource(Route.class)
        void aJsonContentTypeWithParametersIsAccepted(Route route, TestRealm realm) {
            String body = route.validBody(issueUuid(realm));

            assertThat(api.post(route.path, realm.adminKey(), "application/json; charset=utf-8", body)
                            .status())
                    .isEqualTo(200);
        }

        @ParameterizedTest
        @EnumSource(Route.class)
        void anUnknownFieldIsUnparsable(Route route, TestRealm realm) {
            String uuid = issueUuid(realm);

            assertBodyRefused(realm, route, route.validBodyWith(uuid, j("'nope':1")));
            assertBodyRefused(realm, route, route.validBodyWith(uuid, j("'testtype ':'confirmed'")));
            assertBodyRefused(realm, route, route.validBodyWith(uuid, j("'error':null")));
        }

        @ParameterizedTest
        @EnumSource(Route.class)
        void fieldNamesMatchWhateverTheirCase(Route route, TestRealm realm) {
            String uuid = issueUuid(realm);

            assertThat(post(route.path, realm.adminKey(), route.upperCaseBody(uuid))
                            .status())
                    .isEqualTo(200);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "{'testType':2}",
                    "{'testType':true}",
                    "{'testType':['confirmed']}",
                    "{'testType':{'name':'confirmed'}}",
                    "{'testType':'confirmed','onlyGenerateSMS':'true'}",
                    "{'testType':'confirmed','onlyGenerateSMS':1}",
                    "{'testType':'confirmed','tzOffset':'-60'}",
                    "{'testType':'confirmed','tzOffset':true}",
                    "{'testType':'confirmed','tzOffset':1e400}",
                    "{'testType':'confirmed','tzOffset':-1e400}",
                    "{'testType':'confirmed','tzOffset':-99999}",
                    "{'testType':'confirmed','tzOffset':99999}",
                    "{'testType':'confirmed','phone':2065550100}",
                    "{'testType':'confirmed','uuid':123}",
                    "{'testType':'confirmed','externalIssuerID':7}",
                    "{'testType':'confirmed','smsTemplateLabel':[]}"
                })
        void aFieldOfTheWrongJsonTypeIsUnparsableOnIssue(String body) {
            TestRealm realm = realm("allow_generated_sms", "true");

            assertRefused(realm, () -> issue(realm, j(body)), 400, "unparsable_request");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{'uuid':123}", "{'uuid':true}", "{'uuid':['UUID']}", "{'uuid':{'value':'UUID'}}"})
        void aFieldOfTheWrongJsonTypeIsUnparsableOnExpire(String template, TestRealm realm) {
            String uuid = issueUuid(realm);

            assertRefused(
                    realm,
                    () -> post("/api/expirecode", realm.adminKey(), j(template).replace("UUID", uuid)),
                    400,
                    "unparsable_request");
        }

        @ParameterizedTest
        @EnumSource(Route.class)
        void aBodyOver64000BytesIsTooLarge(Route route, TestRealm realm) {
            String uuid = issueUuid(realm);

            assertThat(post(route.path, realm.adminKey(), padded(route.validBody(uuid), 64_000))
                            .status())
                    .as("exactly 64,000 bytes is allowed")
                    .isEqualTo(200);

            String oversized = padded(route.validBody(uuid), 64_001);
            assertRefused(realm, () -> post(route.path, realm.adminKey(), oversized), 413, "unparsable_request");
            assertRefused(
                    realm,
                    () -> ChunkedPost.send(port, route.path, realm.adminKey(), oversized),
                    413,
                    "unparsable_request");
        }

        @ParameterizedTest
        @EnumSource(Route.class)
        void paddingOfAnyJsonTypeIsAccepted(Route route, TestRealm realm) {
            for (String padding : List.of("\"AAAA\"", "12.5", "{\"a\":[1,{}]}", "null", "[1,2]", "true", "\"\"")) {
                String uuid = issueUuid(realm);
                Response response =
                        post(route.path, realm.adminKey(), route.validBodyWith(uuid, "\"padding\":" + padding));
                assertThat(response.status()).as("padding %s", padding).isEqualTo(200);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A realm without required dates, with the given settings as name/value pairs on top. */
    private TestRealm realm(String... settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("require_date", "false");
        for (int i = 0; i < settings.length; i += 2) {
            all.put(settings[i], settings[i + 1]);
        }
        return TestRealm.create(realms, apiKeys, all);
    }

    private TestRealm bulkRealm() {
        return realm("allow_bulk_upload", "true");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private Response post(String path, String key, String body) {
        return api.post(path, key, body);
    }

    private Response issue(TestRealm realm, String body) {
        return post("/api/issue", realm.adminKey(), body);
    }

    private JsonNode issueOk(TestRealm realm, String body) {
        Response response = issue(realm, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String issueUuid(TestRealm realm) {
        return issueOk(realm, json("testType", "confirmed")).path("uuid").asString();
    }

    private JsonNode generateSms(TestRealm realm, String phone) {
        return issueOk(realm, json("testType", "confirmed", "phone", phone, "onlyGenerateSMS", true));
    }

    private Response batch(TestRealm realm, String body) {
        return post("/api/batch-issue", realm.adminKey(), body);
    }

    private Response status(TestRealm realm, String uuid) {
        return post("/api/checkcodestatus", realm.adminKey(), uuidBody(uuid));
    }

    private JsonNode statusOk(TestRealm realm, String uuid) {
        Response response = status(realm, uuid);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Response expire(TestRealm realm, String uuid) {
        return post("/api/expirecode", realm.adminKey(), uuidBody(uuid));
    }

    private JsonNode expireOk(TestRealm realm, String uuid) {
        Response response = expire(realm, uuid);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Response verify(TestRealm realm, String code) {
        return api.post("/api/verify", realm.deviceKey(), Map.of("code", code));
    }

    /**
     * Makes the call, asserts the error, and asserts that the realm's codes are exactly as they were:
     * no row added or removed, no expiry or claim changed.
     */
    private Response assertRefused(TestRealm realm, Supplier<Response> call, int status, String errorCode) {
        List<Map<String, Object>> before = codeRows(realm);
        Response response = call.get();
        assertError(response, status, errorCode);
        assertThat(codeRows(realm))
                .as("the realm's codes after a refused request")
                .isEqualTo(before);
        return response;
    }

    private void assertBodyRefused(TestRealm realm, Route route, String body) {
        assertRefused(realm, () -> post(route.path, realm.adminKey(), body), 400, "unparsable_request");
    }

    private void assertUnauthorizedEverywhere(TestRealm realm, String key) {
        assertUnauthorizedEverywhere(realm, key, issueUuid(realm));
    }

    /** All four routes, each with a body that the realm's ADMIN key would get a 200 for. */
    private void assertUnauthorizedEverywhere(TestRealm realm, String key, String uuid) {
        Map<String, String> validBodies = new LinkedHashMap<>();
        validBodies.put("/api/issue", j("{'testType':'confirmed'}"));
        validBodies.put("/api/batch-issue", batchOf(1));
        validBodies.put("/api/checkcodestatus", uuidBody(uuid));
        validBodies.put("/api/expirecode", uuidBody(uuid));
        validBodies.forEach((path, body) -> {
            Response response = assertRefused(realm, () -> post(path, key, body), 401, "unauthorized");
            assertThat(response.json()).as(path).isEqualTo(JSON.readTree(UNAUTHORIZED_BODY));
        });
    }

    static void assertError(Response response, int status, String errorCode) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertNoLeak(response);
        JsonNode body = response.json();
        assertThat(body.path("errorCode").asString()).as(response.body()).isEqualTo(errorCode);
        assertThat(body.path("error_code").asString())
                .as("the deprecated duplicate")
                .isEqualTo(errorCode);
        assertThat(body.path("error").asString()).isNotBlank();
    }

    static void assertNoLeak(Response response) {
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    private List<Map<String, Object>> codeRows(TestRealm realm) {
        return jdbc.sql("""
                SELECT uuid, test_type, expires_at, long_expires_at, claimed_at
                FROM verification_codes WHERE realm_id = ? ORDER BY uuid""").param(realm.id().value()).query().listOfRows();
    }

    private long codeCount(TestRealm realm) {
        return codeRows(realm).size();
    }

    private List<String> storedUuids(TestRealm realm) {
        return codeRows(realm).stream().map(row -> row.get("uuid").toString()).toList();
    }

    /** The forms of Go's {@code uuid.Parse} besides the canonical one, the last ones in upper case. */
    private static List<String> upstreamForms(String uuid) {
        String upper = uuid.toUpperCase(Locale.ROOT);
        return List.of(
                uuid.replace("-", ""),
                "urn:uuid:" + uuid,
                "{" + uuid + "}",
                upper.replace("-", ""),
                "URN:UUID:" + upper);
    }

    private static long epochSecondOf(String rfc1123) {
        return ZonedDateTime.parse(rfc1123, RFC_1123_UTC.withZone(ZoneOffset.UTC))
                .toInstant()
                .getEpochSecond();
    }

    /** A JSON object from name/value pairs; values are written with their JSON types. */
    private static String json(Object... pairs) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            object.put((String) pairs[i], pairs[i + 1]);
        }
        return JSON.writeValueAsString(object);
    }

    private static String dated(String field, LocalDate date, Object... more) {
        List<Object> pairs = new ArrayList<>(List.of("testType", "confirmed", field, date.toString()));
        pairs.addAll(List.of(more));
        return json(pairs.toArray());
    }

    private static String uuidBody(String uuid) {
        return json("uuid", uuid);
    }

    private static String batchOf(int size) {
        List<Map<String, String>> codes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            codes.add(Map.of("testType", "confirmed"));
        }
        return JSON.writeValueAsString(Map.of("codes", codes));
    }

    /** JSON written with single quotes, for readability. */
    private static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** The body with a string {@code padding} member that brings it to exactly {@code bytes} bytes. */
    private static String padded(String body, int bytes) {
        String open = body.substring(0, body.length() - 1) + ",\"padding\":\"";
        String close = "\"}";
        String padded = open + "A".repeat(bytes - open.length() - close.length()) + close;
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return padded;
    }
}
