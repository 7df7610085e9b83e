package org.enverify.platform.cli;

import java.util.Map;
import org.enverify.platform.ProcessRole;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/**
 * Decides from the command line whether this process is a server or runs one CLI command: a first
 * word that is not an option names a command, so a mistyped command is refused instead of starting a server.
 */
public final class Launch {

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
