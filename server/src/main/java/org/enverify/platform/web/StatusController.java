package org.enverify.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.ProcessRole;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is running here: version, build time, roles and region, for operators comparing replicas. */
@RestController
class StatusController {

    private final Map<String, Object> status;

    StatusController(EnverifySettings settings, ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        status = new LinkedHashMap<>();
        status.put("version", properties == null ? "unknown" : properties.getVersion());
        status.put(
                "build_time",
                properties == null || properties.getTime() == null
                        ? "unknown"
                        : properties.getTime().toString());
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
