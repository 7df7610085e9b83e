package org.enverify.jobs.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.enverify.jobs.JobsSettings;
import org.enverify.jobs.PeriodicTasks;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/jobs/{name}} runs a periodic task now, for operators who drive tasks from an
 * external scheduler. Refused unless the caller presents {@code ENVERIFY_INTERNAL_TOKEN} as a bearer token.
 */
@RestController
class InternalJobsController {

    private final PeriodicTasks tasks;
    private final byte[] token;

    InternalJobsController(PeriodicTasks tasks, JobsSettings settings) {
        this.tasks = tasks;
        this.token = settings.internalToken().getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping("/internal/jobs/{name}")
    ResponseEntity<Map<String, Object>> run(
            @PathVariable("name") String name,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization)
            throws Exception {
        if (token.length == 0) {
            return refuse(HttpStatus.FORBIDDEN, "internal routes are disabled: ENVERIFY_INTERNAL_TOKEN is not set");
        }
        if (!presents(authorization)) {
            return refuse(HttpStatus.UNAUTHORIZED, "a valid bearer token is required");
        }
        if (tasks.find(name).isEmpty()) {
            return refuse(HttpStatus.NOT_FOUND, "no job named " + name);
        }
        Optional<String> summary = tasks.runNow(name);
        return summary.<ResponseEntity<Map<String, Object>>>map(
                        done -> ResponseEntity.ok(Map.of("ok", true, "job", name, "result", done)))
                .orElseGet(() -> refuse(HttpStatus.CONFLICT, "job " + name + " is already running"));
    }

    private boolean presents(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8), token);
    }

    private static ResponseEntity<Map<String, Object>> refuse(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
