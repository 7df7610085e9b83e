package org.enverify.platform.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a {@link CliCommand} and its usage on the class itself, so that {@code help}, {@code <command> --help}
 * and a mistyped command are answered from the class files alone, without starting the application or
 * reaching a database. A command class's name ends in {@code Command} or {@code Commands}: that is how
 * {@link CommandCatalog} finds it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CommandGroup {

    /** The first word on the command line, e.g. {@code realm}. */
    String name();

    /** Lines of usage shown by {@code help} and {@code <name> --help}, each indented by two spaces. */
    String usage();
}
