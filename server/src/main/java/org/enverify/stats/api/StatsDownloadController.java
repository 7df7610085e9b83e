package org.enverify.stats.api;

import java.time.Clock;
import org.enverify.realm.Permission;
import org.enverify.stats.Statistics;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/** The realm statistics page's downloads: the stats API's files, for a signed-in member with StatsRead. */
@UiController
@RequirePermission(Permission.STATS_READ)
class StatsDownloadController {

    private final Statistics statistics;
    private final Clock clock;

    StatsDownloadController(Statistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    @GetMapping("/realm/stats/realm.json")
    ResponseEntity<StatsJson.RealmStats> realmJson(UiContext ui) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(StatsJson.realm(
                        ui.requireRealm().id(),
                        statistics.realm(ui.requireRealm().id())));
    }

    @GetMapping("/realm/stats/realm.csv")
    ResponseEntity<String> realmCsv(UiContext ui) {
        return StatsCsv.realm(statistics.realm(ui.requireRealm().id()), clock.instant());
    }
}
