package org.enverify.platform.cli;

/**
 * One command group of {@code java -jar enverify.jar <group> <action> [options]}, a bean of the feature
 * it belongs to, named and described by its {@link CommandGroup} annotation. A command runs in an
 * application context of its own that creates only the beans it uses (lazily), without a web server,
 * roles or schedulers.
 */
public interface CliCommand {

    /**
     * Runs one invocation.
     *
     * @return the process exit code
     * @throws CommandException for a usage or validation error, shown to the operator without a stack trace
     */
    int run(CommandArguments arguments);
}
