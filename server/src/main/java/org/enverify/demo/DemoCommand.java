package org.enverify.demo;

import org.enverify.platform.Console;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandGroup;
import org.springframework.stereotype.Component;

/** {@code java -jar enverify.jar demo}: creates the demo realm without starting a server. */
@Component
@CommandGroup(name = "demo", usage = """
                  demo
                      creates the demo realm once, with one key of each type, and prints a curl walkthrough
                """)
class DemoCommand implements CliCommand {

    private final DemoRealm demo;
    private final Console console;

    DemoCommand(DemoRealm demo, Console console) {
        this.demo = demo;
        this.console = console;
    }

    @Override
    public int run(CommandArguments arguments) {
        console.println(demo.createOnce());
        return 0;
    }
}
