package org.enverify.platform.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs the one CLI command a process was started for, then lets the process exit with its code. */
@Component
@ConditionalOnProperty(CommandRunner.ENABLED_PROPERTY)
class CommandRunner implements ApplicationRunner, ExitCodeGenerator {

    static final String ENABLED_PROPERTY = "enverify.cli.enabled";
    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final Map<String, CliCommand> commands;
    private int exitCode;

    CommandRunner(List<CliCommand> commands) {
        this.commands = commands.stream().collect(Collectors.toMap(CliCommand::group, Function.identity()));
    }

    @Override
    public void run(ApplicationArguments arguments) {
        String[] words = arguments.getSourceArgs();
        CliCommand command = commands.get(words[0]);
        if (command == null) {
            boolean help = words[0].equals("help");
            if (!help) {
                log.error("Unknown command '{}'", words[0]);
            }
            usage();
            exitCode = help ? 0 : 2;
            return;
        }
        try {
            exitCode = command.run(new CommandArguments(Arrays.asList(words).subList(1, words.length)));
        } catch (CommandException e) {
            log.error("{}\n\nUsage:\n{}", e.getMessage(), command.usage());
            exitCode = 2;
        }
    }

    private void usage() {
        String all = commands.values().stream()
                .sorted((a, b) -> a.group().compareTo(b.group()))
                .map(CliCommand::usage)
                .collect(Collectors.joining("\n"));
        log.info("Usage: java -jar enverify.jar <command>\n{}", all);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
