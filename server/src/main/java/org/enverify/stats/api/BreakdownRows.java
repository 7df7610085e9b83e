package org.enverify.stats.api;

import java.time.LocalDate;
import java.util.List;
import org.enverify.stats.Statistics;

/**
 * A breakdown by name as the management API pages it: one row per day and name, days in the breakdown's order
 * and names in theirs, so a page holds at most its limit of rows however many names the window has.
 */
final class BreakdownRows {

    /** One row: a name's count on a day. */
    interface Row<T, R> {
        R of(LocalDate day, T name, long count);
    }

    private BreakdownRows() {}

    static <T, R> List<R> of(List<Statistics.BreakdownDay<T>> days, Row<T, R> row) {
        return days.stream()
                .flatMap(day -> day.counts().stream().map(count -> row.of(day.day(), count.name(), count.count())))
                .toList();
    }
}
