package org.enverify.platform.cli;

import java.util.Map;
import java.util.Set;
import org.enverify.platform.ProcessRole;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** Decides from the command line whether this process is a server or runs one CLI command. */
public final class Launch {

    private static final Set<String> COMMANDS = Set.of("realm", "apikey", "demo", "help");

    private final boolean command;

    private Launch(boolean command) {
        this.command = command;
    }

    public static Launch of(String[] args) {
        return new Launch(args.length > 0 && COMMANDS.contains(args[0]));
    }

    public boolean isCommand() {
        return command;
    }

    public SpringApplication configure(SpringApplication application) {
        if (command) {
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            application.setLogStartupInfo(false);
            application.setDefaultProperties(Map.of(
                    "enverify.roles",
                    ProcessRole.NONE,
                    "logging.config",
                    "classpath:logback-cli.xml",
                    CommandRunner.ENABLED_PROPERTY,
                    "true"));
        }
        return application;
    }
}
