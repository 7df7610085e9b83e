package org.enverify.platform.web;

import java.util.Map;
import org.enverify.platform.EnverifySettings;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HealthController {

    private final EnverifySettings settings;
    private final JdbcClient jdbc;

    HealthController(EnverifySettings settings, JdbcClient jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health(@RequestParam(name = "service", required = false) String service) {
        if ("database".equals(service) && !databaseAnswers()) {
            return ResponseEntity.internalServerError().body(Map.of("status", "database unreachable"));
        }
        return ResponseEntity.ok(Map.of("status", "ok", "maintenance_mode", settings.maintenanceMode()));
    }

    private boolean databaseAnswers() {
        try {
            return jdbc.sql("SELECT 1").query(Integer.class).single() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
