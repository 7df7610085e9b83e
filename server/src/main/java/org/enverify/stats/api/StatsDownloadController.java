package org.enverify.stats.api;

import org.enverify.realm.Permission;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The realm statistics page's downloads: the stats API's files under {@code /realm/stats/…}, for a
 * signed-in member of the selected realm with StatsRead.
 */
@UiController
@RequirePermission(Permission.STATS_READ)
class StatsDownloadController {

    private final StatsFiles files;

    StatsDownloadController(StatsFiles files) {
        this.files = files;
    }

    @GetMapping("/realm/stats/realm." + StatsFiles.FORMAT)
    ResponseEntity<?> realm(UiContext ui, @PathVariable String format) {
        return files.realm(ui.requireRealm().id(), format);
    }

    @GetMapping("/realm/stats/" + StatsFiles.FAMILY + "." + StatsFiles.FORMAT)
    ResponseEntity<?> family(UiContext ui, @PathVariable String family, @PathVariable String format) {
        return files.family(ui.requireRealm().id(), family, format);
    }

    @GetMapping("/realm/stats/api-keys/{id}." + StatsFiles.FORMAT)
    ResponseEntity<?> apiKey(UiContext ui, @PathVariable String id, @PathVariable String format) {
        return files.apiKey(ui.requireRealm().id(), id, format).orElseThrow(StatsDownloadController::notFound);
    }

    @GetMapping("/realm/stats/users/{id}." + StatsFiles.FORMAT)
    ResponseEntity<?> user(UiContext ui, @PathVariable String id, @PathVariable String format) {
        return files.user(ui.requireRealm().id(), id, format).orElseThrow(StatsDownloadController::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
