package org.enverify.stats.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.stats.RealmCounters;
import org.enverify.stats.Statistics;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm's statistics as charts (Chart.js, drawn by {@code /ui/stats.js} from JSON in a data
 * attribute, since the content policy forbids inline scripts): codes issued, claimed and invalid,
 * claim latency, per API key and per external issuer, over the same days as the stats API.
 */
@UiController
class StatsPageController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Statistics statistics;
    private final ApiKeys apiKeys;
    private final Realms realms;

    StatsPageController(Statistics statistics, ApiKeys apiKeys, Realms realms) {
        this.statistics = statistics;
        this.apiKeys = apiKeys;
        this.realms = realms;
    }

    @GetMapping("/realm/stats")
    @RequirePermission(Permission.STATS_READ)
    String stats(UiContext ui, Model model) {
        RealmId realm = ui.requireRealm().id();
        List<Statistics.RealmDay> days = statistics.realm(realm);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("days", days.stream().map(day -> day.day().toString()).toList());
        data.put("issued", days.stream().map(Statistics.RealmDay::codesIssued).toList());
        data.put("claimed", days.stream().map(Statistics.RealmDay::codesClaimed).toList());
        data.put("invalid", days.stream().map(Statistics.RealmDay::codesInvalid).toList());
        data.put(
                "meanClaimAgeMinutes",
                days.stream().map(day -> day.codeClaimMeanAgeSeconds() / 60.0).toList());
        data.put(
                "claimAgeBuckets",
                RealmCounters.CLAIM_AGE_BOUNDS.stream()
                        .map(StatsPageController::label)
                        .toList());
        data.put("claimAges", claimAgeTotals(days));
        Map<String, List<Long>> perKey = new LinkedHashMap<>();
        for (ApiKeySummary key : apiKeys.list(realm)) {
            statistics
                    .apiKey(realm, key.id())
                    .ifPresent(stats -> perKey.put(
                            key.name(),
                            stats.days().stream()
                                    .map(Statistics.ApiKeyDay::codesIssued)
                                    .toList()));
        }
        data.put("perApiKey", perKey);
        Map<String, Long> issuers = new LinkedHashMap<>();
        for (Statistics.BreakdownDay<String> day : statistics.externalIssuers(realm)) {
            day.counts().forEach(count -> issuers.merge(count.name(), count.count(), Long::sum));
        }
        data.put("externalIssuers", issuers);
        Map<String, Long> perUser = new LinkedHashMap<>();
        statistics
                .userTotals(realm)
                .forEach(user -> perUser.put(user.name() + " (#" + user.userId() + ")", user.codesIssued()));
        data.put("perUser", perUser);
        model.addAttribute("statsJson", JSON.writeValueAsString(data));
        model.addAttribute("totals", totals(days));
        model.addAttribute("claimRatio", realms.claimRatio(realm).orElse(null));
        return "stats/realm";
    }

    private static List<Long> claimAgeTotals(List<Statistics.RealmDay> days) {
        long[] totals = new long[RealmCounters.CLAIM_AGE_BOUNDS.size()];
        for (Statistics.RealmDay day : days) {
            for (int i = 0;
                    i < totals.length && i < day.codeClaimAgeDistribution().size();
                    i++) {
                totals[i] += day.codeClaimAgeDistribution().get(i);
            }
        }
        return Arrays.stream(totals).boxed().toList();
    }

    private static Map<String, Long> totals(List<Statistics.RealmDay> days) {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put(
                "issued",
                days.stream().mapToLong(Statistics.RealmDay::codesIssued).sum());
        totals.put(
                "claimed",
                days.stream().mapToLong(Statistics.RealmDay::codesClaimed).sum());
        totals.put(
                "invalid",
                days.stream().mapToLong(Statistics.RealmDay::codesInvalid).sum());
        return totals;
    }

    private static String label(Duration bound) {
        return bound.toHours() >= 1 ? "≤" + bound.toHours() + "h" : "≤" + bound.toMinutes() + "m";
    }
}
