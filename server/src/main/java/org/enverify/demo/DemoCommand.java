package org.enverify.demo;

import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.springframework.stereotype.Component;

/** {@code java -jar enverify.jar demo}: creates the demo realm without starting a server. */
@Component
class DemoCommand implements CliCommand {

    private final DemoRealm demo;

    DemoCommand(DemoRealm demo) {
        this.demo = demo;
    }

    @Override
    public String group() {
        return "demo";
    }

    @Override
    public String usage() {
        return """
                  demo
                      creates the demo realm once, with one key of each type, and prints a curl walkthrough
                """;
    }

    @Override
    public int run(CommandArguments arguments) {
        demo.createOnce();
        return 0;
    }
}
