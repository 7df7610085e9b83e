package org.enverify.platform.cli;

import java.util.List;
import org.enverify.platform.Console;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the one CLI command a process was started for, then lets the process exit with its code. Only
 * that command's bean is created, and with it only the beans it uses.
 *
 * <p>With {@value #TRAINING_PROPERTY}, the command is a training run for the JVM cache of the {@code enverify}
 * launcher: it runs inside one transaction that is rolled back, so it loads and exercises the code a real run
 * does and leaves nothing behind.
 */
@Component
@ConditionalOnProperty(CommandRunner.ENABLED_PROPERTY)
class CommandRunner implements ApplicationRunner, ExitCodeGenerator {

    static final String ENABLED_PROPERTY = "enverify.cli.enabled";

    static final String TRAINING_PROPERTY = "enverify.cli.training";

    private final ListableBeanFactory beans;
    private final Console console;
    private final ObjectProvider<PlatformTransactionManager> transactionManager;
    private final boolean training;
    private int exitCode;

    CommandRunner(
            ListableBeanFactory beans,
            Console console,
            ObjectProvider<PlatformTransactionManager> transactionManager,
            @Value("${" + TRAINING_PROPERTY + ":false}") boolean training) {
        this.beans = beans;
        this.console = console;
        this.transactionManager = transactionManager;
        this.training = training;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = List.of(arguments.getSourceArgs());
        String beanName = commandBean(words.getFirst());
        CommandGroup group = beans.findAnnotationOnBean(beanName, CommandGroup.class);
        try {
            CliCommand command = beans.getBean(beanName, CliCommand.class);
            CommandArguments commandArguments = new CommandArguments(words.subList(1, words.size()));
            exitCode = training ? rehearse(command, commandArguments) : command.run(commandArguments);
        } catch (CommandException e) {
            console.error(e.getMessage() + "\n\nUsage:\n" + group.usage());
            exitCode = Launch.USAGE_ERROR;
        }
    }

    private int rehearse(CliCommand command, CommandArguments arguments) {
        return new TransactionTemplate(transactionManager.getObject()).execute(status -> {
            status.setRollbackOnly();
            return command.run(arguments);
        });
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
