package org.enverify.stats.web;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.stats.RealmCounters;
import org.enverify.stats.Statistics;
import org.enverify.stats.keyserver.KeyServerStatsDay;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm's statistics as charts (Chart.js, drawn by {@code /ui/stats.js} from JSON in a data
 * attribute, since the content policy forbids inline scripts): codes issued, claimed and invalid,
 * claim latency, tokens, user reports, SMS errors, the key server's publish requests, per API key and
 * per external issuer, over the same days as the stats API, oldest day first; and one user's or one
 * API key's days on pages of their own.
 */
@UiController
class StatsPageController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Statistics statistics;
    private final ApiKeys apiKeys;
    private final Realms realms;
    private final MessageSource messages;

    StatsPageController(Statistics statistics, ApiKeys apiKeys, Realms realms, MessageSource messages) {
        this.statistics = statistics;
        this.apiKeys = apiKeys;
        this.realms = realms;
        this.messages = messages;
    }

    /**
     * A chart as {@code stats.js} draws it into the canvas of the same id.
     *
     * @param stacked bars of one label stand on each other
     */
    record Chart(String type, boolean stacked, List<String> labels, List<Series> datasets) {}

    record Series(String label, List<? extends Number> data) {}

    @GetMapping("/realm/stats")
    @RequirePermission(Permission.STATS_READ)
    String stats(UiContext ui, Locale locale, Model model) {
        RealmId realm = ui.requireRealm().id();
        List<Statistics.RealmDay> days = statistics.realm(realm).reversed();
        List<String> dayLabels = dayLabels(days, Statistics.RealmDay::day);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("days", dayLabels);
        data.put("issued", counts(days, Statistics.RealmDay::codesIssued));
        data.put("claimed", counts(days, Statistics.RealmDay::codesClaimed));
        data.put("invalid", counts(days, Statistics.RealmDay::codesInvalid));
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
        List<ApiKeySummary> keys = apiKeys.list(realm);
        for (ApiKeySummary key : keys) {
            statistics
                    .apiKey(realm, key.id())
                    .ifPresent(stats ->
                            perKey.put(key.name(), counts(stats.days().reversed(), Statistics.ApiKeyDay::codesIssued)));
        }
        data.put("perApiKey", perKey);
        Map<String, Long> issuers = new LinkedHashMap<>();
        for (Statistics.BreakdownDay<String> day : statistics.externalIssuers(realm)) {
            day.counts().forEach(count -> issuers.merge(count.name(), count.count(), Long::sum));
        }
        data.put("externalIssuers", issuers);
        List<Statistics.UserCount> userTotals = statistics.userTotals(realm);
        Map<String, Long> perUser = new LinkedHashMap<>();
        userTotals.forEach(user -> perUser.put(user.name() + " (#" + user.userId() + ")", user.codesIssued()));
        data.put("perUser", perUser);

        Map<String, Chart> charts = new LinkedHashMap<>();
        charts.put(
                "chart-tokens",
                line(
                        dayLabels,
                        series(locale, "stats.tokensClaimed", counts(days, Statistics.RealmDay::tokensClaimed)),
                        series(locale, "stats.tokensInvalid", counts(days, Statistics.RealmDay::tokensInvalid))));
        charts.put(
                "chart-user-reports",
                line(
                        dayLabels,
                        series(locale, "stats.issued", counts(days, Statistics.RealmDay::userReportsIssued)),
                        series(locale, "stats.claimed", counts(days, Statistics.RealmDay::userReportsClaimed)),
                        series(
                                locale,
                                "stats.invalidNonce",
                                counts(days, Statistics.RealmDay::userReportsInvalidNonce))));
        smsErrorChart(realm).ifPresent(chart -> charts.put("chart-sms-errors", chart));
        publishChart(realm, locale).ifPresent(chart -> charts.put("chart-publishes", chart));
        data.put("charts", charts);

        model.addAttribute("statsJson", JSON.writeValueAsString(data));
        model.addAttribute("hasSmsErrors", charts.containsKey("chart-sms-errors"));
        model.addAttribute("hasPublishes", charts.containsKey("chart-publishes"));
        model.addAttribute("totals", totals(days));
        model.addAttribute("claimRatio", realms.claimRatio(realm).orElse(null));
        model.addAttribute("users", userTotals);
        model.addAttribute("apiKeys", keys);
        return "stats/realm";
    }

    /** Upstream shows a user's codes to whoever may read users; the downloads here also need StatsRead. */
    @GetMapping("/realm/stats/users/{id:[0-9]{1,18}}")
    @RequirePermission({Permission.STATS_READ, Permission.USER_READ})
    String user(UiContext ui, @PathVariable long id, Locale locale, Model model) {
        Statistics.UserStats stats =
                statistics.user(ui.requireRealm().id(), id).orElseThrow(StatsPageController::notFound);
        List<Statistics.UserDay> days = stats.days().reversed();
        Chart chart = line(
                dayLabels(days, Statistics.UserDay::day),
                series(locale, "stats.issued", counts(days, Statistics.UserDay::codesIssued)));
        return detail(model, stats.user().name(), stats.user().email(), "users/" + id, chart);
    }

    /** Upstream shows a key's statistics to whoever may read statistics or API keys; downloads need StatsRead. */
    @GetMapping("/realm/stats/api-keys/{id:[0-9]{1,18}}")
    @RequirePermission(Permission.STATS_READ)
    String apiKey(UiContext ui, @PathVariable long id, Locale locale, Model model) {
        Statistics.ApiKeyStats stats =
                statistics.apiKey(ui.requireRealm().id(), id).orElseThrow(StatsPageController::notFound);
        List<Statistics.ApiKeyDay> days = stats.days().reversed();
        Chart chart = line(
                dayLabels(days, Statistics.ApiKeyDay::day),
                series(locale, "stats.issued", counts(days, Statistics.ApiKeyDay::codesIssued)),
                series(locale, "stats.claimed", counts(days, Statistics.ApiKeyDay::codesClaimed)),
                series(locale, "stats.invalid", counts(days, Statistics.ApiKeyDay::codesInvalid)),
                series(locale, "stats.tokensClaimed", counts(days, Statistics.ApiKeyDay::tokensClaimed)),
                series(locale, "stats.tokensInvalid", counts(days, Statistics.ApiKeyDay::tokensInvalid)));
        return detail(
                model,
                stats.key().name(),
                messages.getMessage("apikeys.type." + stats.key().type(), null, locale),
                "api-keys/" + id,
                chart);
    }

    private static String detail(Model model, String title, String subtitle, String downloadPath, Chart chart) {
        model.addAttribute("heading", title);
        model.addAttribute("subheading", subtitle);
        model.addAttribute("download", "/realm/stats/" + downloadPath);
        model.addAttribute("statsJson", JSON.writeValueAsString(Map.of("charts", Map.of("chart-detail", chart))));
        return "stats/detail";
    }

    /** Empty when no SMS failed in the window. */
    private Optional<Chart> smsErrorChart(RealmId realm) {
        List<Statistics.BreakdownDay<String>> days = statistics.smsErrors(realm).reversed();
        if (days.isEmpty()) {
            return Optional.empty();
        }
        List<Series> perCode = days.getFirst().counts().stream()
                .map(Statistics.Count::name)
                .map(code -> new Series(code, countsOf(days, code)))
                .toList();
        return Optional.of(new Chart("bar", true, dayLabels(days, Statistics.BreakdownDay::day), perCode));
    }

    private static List<Long> countsOf(List<Statistics.BreakdownDay<String>> days, String name) {
        return days.stream()
                .map(day -> day.counts().stream()
                        .filter(count -> count.name().equals(name))
                        .mapToLong(Statistics.Count::count)
                        .sum())
                .toList();
    }

    /** Publish requests by phone platform, as upstream charts them; empty while the key server statistics are off. */
    private Optional<Chart> publishChart(RealmId realm, Locale locale) {
        Statistics.Composite composite = statistics.composite(realm);
        if (!composite.keyServerEnabled() || composite.days().isEmpty()) {
            return Optional.empty();
        }
        List<KeyServerStatsDay> days = composite.days().stream()
                .map(Statistics.CompositeDay::keyServer)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(KeyServerStatsDay::day))
                .toList();
        return Optional.of(new Chart(
                "bar",
                true,
                dayLabels(days, KeyServerStatsDay::day),
                List.of(
                        series(locale, "stats.os.android", counts(days, KeyServerStatsDay::publishRequestsAndroid)),
                        series(locale, "stats.os.ios", counts(days, KeyServerStatsDay::publishRequestsIos)),
                        series(locale, "stats.os.unknown", counts(days, KeyServerStatsDay::publishRequestsUnknown)))));
    }

    private Series series(Locale locale, String labelKey, List<Long> values) {
        return new Series(messages.getMessage(labelKey, null, locale), values);
    }

    private static Chart line(List<String> labels, Series... datasets) {
        return new Chart("line", false, labels, List.of(datasets));
    }

    private static <T> List<String> dayLabels(List<T> days, Function<T, LocalDate> day) {
        return days.stream().map(each -> day.apply(each).toString()).toList();
    }

    private static <T> List<Long> counts(List<T> days, ToLongFunction<T> count) {
        return days.stream().map(day -> count.applyAsLong(day)).toList();
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
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
