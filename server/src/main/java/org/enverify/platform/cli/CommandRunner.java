package org.enverify.platform.cli;

import java.util.List;
import org.enverify.platform.Console;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs the one CLI command a process was started for, then lets the process exit with its code. Only
 * that command's bean is created, and with it only the beans it uses.
 */
@Component
@ConditionalOnProperty(CommandRunner.ENABLED_PROPERTY)
class CommandRunner implements ApplicationRunner, ExitCodeGenerator {

    static final String ENABLED_PROPERTY = "enverify.cli.enabled";

    private final ListableBeanFactory beans;
    private final Console console;
    private int exitCode;

    CommandRunner(ListableBeanFactory beans, Console console) {
        this.beans = beans;
        this.console = console;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = List.of(arguments.getSourceArgs());
        String beanName = commandBean(words.getFirst());
        CommandGroup group = beans.findAnnotationOnBean(beanName, CommandGroup.class);
        try {
            exitCode =
                    beans.getBean(beanName, CliCommand.class).run(new CommandArguments(words.subList(1, words.size())));
        } catch (CommandException e) {
            console.error(e.getMessage() + "\n\nUsage:\n" + group.usage());
            exitCode = Launch.USAGE_ERROR;
        }
    }

    /** The command's bean name, found without creating any command. */
    private String commandBean(String name) {
        for (String beanName : beans.getBeanNamesForType(CliCommand.class, false, false)) {
            CommandGroup group = beans.findAnnotationOnBean(beanName, CommandGroup.class);
            if (group != null && group.name().equals(name)) {
                return beanName;
            }
        }
        throw new IllegalStateException("No bean runs the command " + name);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
