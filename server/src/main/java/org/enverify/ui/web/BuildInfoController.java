package org.enverify.ui.web;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.stream.Collectors;
import org.enverify.platform.BuildInfo;
import org.enverify.platform.DatabaseInfo;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.ProcessRole;
import org.enverify.ui.SystemAdminOnly;
import org.enverify.ui.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** What this UI process runs on: the build, the JDK, its roles and the database, for support requests. */
@UiController
@SystemAdminOnly
class BuildInfoController {

    private final BuildInfo build;
    private final EnverifySettings settings;
    private final DatabaseInfo database;

    BuildInfoController(BuildInfo build, EnverifySettings settings, DatabaseInfo database) {
        this.build = build;
        this.settings = settings;
        this.database = database;
    }

    @GetMapping("/admin/build")
    String show(Model model) {
        model.addAttribute("build", build);
        model.addAttribute("java", Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        model.addAttribute(
                "roles",
                settings.activeRoles().stream().map(ProcessRole::propertyValue).collect(Collectors.joining(", ")));
        model.addAttribute("region", settings.region());
        model.addAttribute(
                "started",
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        model.addAttribute("postgres", database.serverVersion());
        model.addAttribute("schema", database.schemaVersion());
        return "ui/build";
    }
}
