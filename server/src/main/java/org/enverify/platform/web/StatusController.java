package org.enverify.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.enverify.platform.BuildInfo;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.ProcessRole;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is running here: version, build time, roles and region, for operators comparing replicas. */
@RestController
class StatusController {

    private final Map<String, Object> status;

    StatusController(EnverifySettings settings, BuildInfo build) {
        status = new LinkedHashMap<>();
        status.put("version", build.version());
        status.put("build_time", build.buildTime());
        status.put("commit", build.commit());
        status.put(
                "roles",
                settings.activeRoles().stream().map(ProcessRole::propertyValue).collect(Collectors.joining(",")));
        status.put("region", settings.region());
    }

    @GetMapping("/statusz")
    Map<String, Object> status() {
        return status;
    }
}
