package org.enverify.stats.api;

import org.enverify.stats.SystemStatistics;
import org.enverify.ui.SystemAdminOnly;
import org.enverify.ui.UiController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/** The codes of all realms together, for system administrators, in upstream's document at upstream's address. */
@UiController
@SystemAdminOnly
class SystemStatsController {

    private final SystemStatistics statistics;

    SystemStatsController(SystemStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/admin/stats/system.json")
    ResponseEntity<Object> system() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(StatsJson.system(statistics.days()));
    }
}
