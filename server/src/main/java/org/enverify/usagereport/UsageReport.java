package org.enverify.usagereport;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.jobs.PeriodicTask;
import org.enverify.platform.ConditionalOnSettings;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.stats.Statistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each finished UTC day's usage figures, one document a day, oldest first, to the operator's collector. A
 * day counts as sent once the collector answered 2xx; a failed day stops the run, and the next run starts from
 * it. Realms without activity on a day are left out of its document.
 */
@Component
@ConditionalOnSettings("enverify.usage-report.url")
class UsageReport implements PeriodicTask, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageReport.class);

    /** The collector answers with a status; its body is not read. */
    private static final long MAX_ANSWER_BYTES = 64 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** The figures of one day, as the collector receives them. */
    record DayDocument(String schema, String installation, LocalDate day, List<RealmFigures> realms) {}

    record RealmFigures(
            String realm,
            long codesIssued,
            long codesClaimed,
            long codesInvalid,
            long tokensClaimed,
            long tokensInvalid,
            long userReportsIssued,
            long userReportsClaimed,
            long smsSent,
            long smsErrors,
            List<UserFigures> users) {}

    /** Codes a web UI user issued on the day. */
    record UserFigures(String user, long codesIssued) {}

    static final String SCHEMA = "enverify.usage.v1";

    private final UsageReportSettings settings;
    private final UsageReportRepository repository;
    private final UsagePseudonyms pseudonyms;
    private final Realms realms;
    private final Statistics statistics;
    private final OutboundHttp http;

    UsageReport(
            UsageReportSettings settings,
            UsageReportRepository repository,
            UsagePseudonyms pseudonyms,
            Realms realms,
            Statistics statistics,
            OutboundUrls urls) {
        this.settings = settings;
        this.repository = repository;
        this.pseudonyms = pseudonyms;
        this.realms = realms;
        this.statistics = statistics;
        this.http = new OutboundHttp(settings.timeout(), MAX_ANSWER_BYTES, urls);
    }

    @Override
    public String name() {
        return "usagereport";
    }

    @Override
    public String defaultSchedule() {
        return "DAILY|02:30";
    }

    @Override
    public String run(Instant now) {
        LocalDate yesterday = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
        LocalDate earliest = yesterday.minusDays(settings.catchUpDays() - 1L);
        LocalDate first = repository
                .lastDaySent()
                .map(day -> day.plusDays(1))
                .filter(day -> day.isAfter(earliest))
                .orElse(earliest);
        URI collector = URI.create(settings.url().trim());
        List<String> sent = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(yesterday); day = day.plusDays(1)) {
            DayDocument document = document(day);
            send(collector, document);
            repository.recordSent(day, document.realms().size(), now);
            log.info(
                    "Usage figures of {} ({} realms) sent to {}",
                    day,
                    document.realms().size(),
                    OutboundHttp.describe(collector));
            sent.add(day + " (" + document.realms().size() + " realms)");
        }
        return sent.isEmpty() ? "nothing to send: every finished day was sent" : "sent " + String.join(", ", sent);
    }

    DayDocument document(LocalDate day) {
        List<RealmFigures> figures = new ArrayList<>();
        for (Realm realm : realms.list()) {
            figures(realm, day).ifPresent(figures::add);
        }
        return new DayDocument(SCHEMA, pseudonyms.installation(), day, figures);
    }

    private Optional<RealmFigures> figures(Realm realm, LocalDate day) {
        Optional<Statistics.RealmDay> counts = statistics.realm(realm.id()).stream()
                .filter(realmDay -> realmDay.day().equals(day))
                .findFirst();
        long smsErrors = countsOn(statistics.smsErrors(realm.id()), day).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        List<UserFigures> users = countsOn(statistics.users(realm.id()), day).entrySet().stream()
                .filter(user -> user.getValue() > 0)
                .map(user -> new UserFigures(pseudonyms.user(user.getKey().id()), user.getValue()))
                .toList();
        if (counts.isEmpty() || counts.get().isEmpty() && counts.get().smsSent() == 0 && smsErrors == 0) {
            return Optional.empty();
        }
        Statistics.RealmDay realmDay = counts.get();
        return Optional.of(new RealmFigures(
                pseudonyms.realm(realm.id().value()),
                realmDay.codesIssued(),
                realmDay.codesClaimed(),
                realmDay.codesInvalid(),
                realmDay.tokensClaimed(),
                realmDay.tokensInvalid(),
                realmDay.userReportsIssued(),
                realmDay.userReportsClaimed(),
                realmDay.smsSent(),
                smsErrors,
                users));
    }

    private static <T> Map<T, Long> countsOn(List<Statistics.BreakdownDay<T>> breakdown, LocalDate day) {
        Map<T, Long> counts = new LinkedHashMap<>();
        breakdown.stream()
                .filter(breakdownDay -> breakdownDay.day().equals(day))
                .forEach(breakdownDay ->
                        breakdownDay.counts().forEach(count -> counts.put(count.name(), count.count())));
        return counts;
    }

    private void send(URI collector, DayDocument document) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "enverify-usage-report");
        headers.put("Idempotency-Key", document.installation() + "-" + document.day());
        if (!settings.bearerToken().isBlank()) {
            headers.put("Authorization", "Bearer " + settings.bearerToken().trim());
        }
        OutboundHttp.Response response = http.post(collector, headers, JSON.writeValueAsBytes(document));
        if (!response.ok()) {
            throw new OutboundHttpException("POST " + OutboundHttp.describe(collector) + ": the collector answered "
                    + response.status() + " for the figures of " + document.day()
                    + "; this day and the later ones are sent again on the next run");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
