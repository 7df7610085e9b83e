package org.enverify.platform.cli;

/**
 * One command group of {@code java -jar enverify.jar <group> <action> [options]}. Features contribute
 * their own groups as beans.
 */
public interface CliCommand {

    /** The first word on the command line, e.g. {@code realm}. */
    String group();

    /** Lines of usage shown by {@code help} and after a usage error. */
    String usage();

    /**
     * Runs one invocation.
     *
     * @return the process exit code
     * @throws CommandException for a usage or validation error, shown to the operator without a stack trace
     */
    int run(CommandArguments arguments);
}
