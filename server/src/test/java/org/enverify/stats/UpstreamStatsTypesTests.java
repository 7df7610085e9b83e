package org.enverify.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/** The strict decoder of upstream's stats types refuses what Go's decoder would, and more. */
class UpstreamStatsTypesTests {

    private static final String DAY = """
            {"date":%s,"data":{"codes_issued":%s,"codes_claimed":0,"codes_invalid":0,
             "codes_invalid_by_os":{"unknown_os":0,"ios":0,"android":0},
             "user_reports_issued":0,"user_reports_claimed":0,"user_reports_invalid_nonce":0,
             "user_reports_invalid_nonce_by_os":{"unknown_os":0,"ios":0,"android":0},
             "tokens_claimed":0,"tokens_invalid":0,"user_report_tokens_claimed":0,
             "code_claim_mean_age_seconds":0,"code_claim_age_distribution":%s%s}}""";

    private static String realm(String date, String issued, String distribution, String extra) {
        return "{\"realm_id\":7,\"statistics\":[" + DAY.formatted(date, issued, distribution, extra) + "]}";
    }

    @Test
    void aDocumentInUpstreamsShapeDecodes() {
        UpstreamStatsTypes.JsonRealmStat stat = UpstreamStatsTypes.decode(
                realm("\"2026-12-05T00:00:00Z\"", "3", "[]", ""), UpstreamStatsTypes.JsonRealmStat.class);

        assertThat(stat.realmId()).isEqualTo(7);
        assertThat(stat.statistics().getFirst().date().value()).isEqualTo(OffsetDateTime.parse("2026-12-05T00:00Z"));
        assertThat(stat.statistics().getFirst().data().codesIssued()).isEqualTo(3);
        assertThat(stat.statistics().getFirst().data().codeClaimDistribution()).isEmpty();
    }

    @Test
    void whatGoWouldRefuseOrTheShapeDoesNotHaveFails() {
        for (String wrong : new String[] {
            realm("\"2026-12-05\"", "3", "[]", ""), // a bare date is not a time.Time
            realm("\"2026-12-05T00:00Z\"", "3", "[]", ""), // RFC 3339 has seconds
            realm("1796428800", "3", "[]", ""), // nor a number
            realm("\"2026-12-05T00:00:00Z\"", "\"3\"", "[]", ""), // a count is a number
            realm("\"2026-12-05T00:00:00Z\"", "3.5", "[]", ""), // an integer
            realm("\"2026-12-05T00:00:00Z\"", "-1", "[]", ""), // a uint
            realm("\"2026-12-05T00:00:00Z\"", "null", "[]", ""),
            realm("\"2026-12-05T00:00:00Z\"", "3", "[4294967296]", ""), // an int32
            realm("\"2026-12-05T00:00:00Z\"", "3", "[]", ",\"extra\":1"), // no unknown field
            "{\"statistics\":[]}", // no missing field
        }) {
            assertThatThrownBy(() -> UpstreamStatsTypes.decode(wrong, UpstreamStatsTypes.JsonRealmStat.class))
                    .as(wrong)
                    .isInstanceOf(JacksonException.class);
        }
        assertThatThrownBy(() -> UpstreamStatsTypes.decode(
                        "{\"realm_id\":1,\"has_key_server_stats\":1,\"statistics\":[]}",
                        UpstreamStatsTypes.JsonCompositeStat.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> UpstreamStatsTypes.decode(
                        "{\"realm_id\":1,\"statistics\":[{\"date\":\"2026-12-05T00:00:00Z\","
                                + "\"error_data\":[{\"error_code\":30003,\"quantity\":1}]}]}",
                        UpstreamStatsTypes.JsonSmsErrorStat.class))
                .isInstanceOf(JacksonException.class);
    }
}
