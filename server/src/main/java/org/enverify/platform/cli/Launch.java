package org.enverify.platform.cli;

import java.util.HashMap;
import java.util.Map;
import org.enverify.platform.ProcessRole;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides from the command line whether this process is a server or runs one CLI command: a first
 * word that is not an option names a command, so a mistyped command is refused instead of starting a server.
 */
public final class Launch {

    /** {@code json} writes one JSON object (Elastic Common Schema) per log line, for log pipelines. */
    static final String LOG_FORMAT = "ENVERIFY_LOG_FORMAT";

    /** Where traces go over OTLP/HTTP, such as {@code http://collector:4318/v1/traces}; no export when unset. */
    static final String OTLP_ENDPOINT = "ENVERIFY_OTLP_ENDPOINT";

    private final boolean command;

    private Launch(boolean command) {
        this.command = command;
    }

    public static Launch of(String[] args) {
        return new Launch(args.length > 0 && !args[0].startsWith("-"));
    }

    public boolean isCommand() {
        return command;
    }

    public SpringApplication configure(SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        if (command) {
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
            // Above the environment too: a CLI run inside a role's container must not start that role.
            application.addInitializers(context -> context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("enverifyCli", Map.of("enverify.roles", ProcessRole.NONE))));
            defaults.put("logging.config", "classpath:logback-cli.xml");
            defaults.put(CommandRunner.ENABLED_PROPERTY, "true");
        } else {
            if ("json".equalsIgnoreCase(System.getenv(LOG_FORMAT))) {
                defaults.put("logging.structured.format.console", "ecs");
            }
            String otlp = System.getenv(OTLP_ENDPOINT);
            if (otlp != null && !otlp.isBlank()) {
                defaults.put("management.opentelemetry.tracing.export.otlp.endpoint", otlp);
            }
        }
        application.setDefaultProperties(defaults);
        return application;
    }
}
