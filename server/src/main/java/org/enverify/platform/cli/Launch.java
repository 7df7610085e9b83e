package org.enverify.platform.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.enverify.platform.Console;
import org.enverify.platform.ProcessRole;
import org.enverify.platform.crypto.CryptoProvider;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides from the command line whether this process is a server or runs one CLI command: a first
 * word that is not an option names a command, so a mistyped command is refused instead of starting a
 * server. Help and mistyped commands are answered from the class files alone; a command runs in an
 * application of its own that creates lazily only the beans it uses, with no web server and no role.
 */
public final class Launch {

    /** {@code json} writes one JSON object (Elastic Common Schema) per log line, for log pipelines. */
    static final String LOG_FORMAT = "ENVERIFY_LOG_FORMAT";

    /** Where traces go over OTLP/HTTP, such as {@code http://collector:4318/v1/traces}; no export when unset. */
    static final String OTLP_ENDPOINT = "ENVERIFY_OTLP_ENDPOINT";

    /** Logs what a command does on standard error; without it a command writes only warnings and errors there. */
    static final String VERBOSE = "--verbose";

    /** The exit code of a mistake on the command line or a refused value. */
    static final int USAGE_ERROR = 2;

    private static final Set<String> HELP = Set.of("help", "--help", "-h");

    /** Loggers that report a failed start at length: a command says why in one line, unless verbose. */
    private static final List<String> FAILURE_REPORTERS = List.of(
            "org.springframework.boot.SpringApplication",
            "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter",
            "org.springframework.context.annotation.AnnotationConfigApplicationContext");

    private static final String SYNOPSIS =
            "Usage: java -jar enverify.jar <command> [--verbose]" + " (./enverify <command> in a source checkout)";

    private final List<String> words;
    private final boolean command;
    private final boolean verbose;

    private Launch(List<String> words, boolean command, boolean verbose) {
        this.words = words;
        this.command = command;
        this.verbose = verbose;
    }

    public static Launch of(String[] args) {
        List<String> words = new ArrayList<>(List.of(args));
        boolean verbose = words.removeIf(VERBOSE::equals);
        boolean command = !words.isEmpty() && (!words.getFirst().startsWith("-") || HELP.contains(words.getFirst()));
        return new Launch(command ? List.copyOf(words) : List.of(args), command, verbose);
    }

    public boolean isCommand() {
        return command;
    }

    /**
     * Runs the command: help and mistakes are answered here; a command starts {@code application}
     * configured for it and returns once it is done.
     *
     * @return the process exit code
     */
    public int runCommand(SpringApplication application) {
        Console console = new Console();
        CommandCatalog catalog = CommandCatalog.scan(Launch.class.getClassLoader());
        String first = words.getFirst();
        if (HELP.contains(first)) {
            if (words.size() == 1) {
                console.println(SYNOPSIS + "\n\n" + catalog.overview()
                        + "\n<command> --help shows one command's usage; --verbose logs what a command does.");
                return 0;
            }
            return describe(catalog, words.get(1), console);
        }
        if (words.contains("--help") || words.contains("-h")) {
            return describe(catalog, first, console);
        }
        if (catalog.find(first).isEmpty()) {
            return unknown(catalog, first, console);
        }
        // Boot warms up Jackson, Tomcat and the like on a second thread for a server; a command would only wait for it.
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        System.setProperty(CryptoProvider.NATIVE_PROPERTY, "false");
        try {
            return SpringApplication.exit(configure(application).run(words.toArray(String[]::new)));
        } catch (RuntimeException e) {
            if (verbose) {
                throw e;
            }
            console.error(first + " failed: "
                    + NestedExceptionUtils.getMostSpecificCause(e).getMessage() + " (--verbose shows why)");
            return 1;
        }
    }

    private static int describe(CommandCatalog catalog, String name, Console console) {
        Optional<CommandCatalog.Group> group = catalog.find(name);
        if (group.isEmpty()) {
            return unknown(catalog, name, console);
        }
        console.println(SYNOPSIS + "\n\n" + group.get().usage());
        return 0;
    }

    private static int unknown(CommandCatalog catalog, String name, Console console) {
        console.error("Unknown command '" + name + "'; did you mean '"
                + catalog.closest(name).name() + "'? (help lists every command)");
        return USAGE_ERROR;
    }

    public SpringApplication configure(SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        if (command) {
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(verbose);
            application.setLazyInitialization(true);
            // A command's options (--name, --url) are its own, never Spring properties.
            application.setAddCommandLineProperties(false);
            // Above the environment too: a CLI run inside a role's container must not start that role.
            application.addInitializers(context -> context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("enverifyCli", Map.of("enverify.roles", ProcessRole.NONE))));
            defaults.put("logging.config", "classpath:logback-cli.xml");
            if (verbose) {
                defaults.put("logging.level.root", "info");
            }
            FAILURE_REPORTERS.forEach(logger -> defaults.put("logging.level." + logger, verbose ? "info" : "off"));
            defaults.put(CommandRunner.ENABLED_PROPERTY, "true");
            // CommandConfiguration names the few auto-configurations a command needs
            defaults.put(EnableAutoConfiguration.ENABLED_OVERRIDE_PROPERTY, "false");
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
