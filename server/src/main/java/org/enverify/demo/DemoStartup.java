package org.enverify.demo;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** {@code java -jar enverify.jar --demo}: the server starts with the demo realm in place. */
@Component
class DemoStartup implements ApplicationRunner {

    private final DemoRealm demo;

    DemoStartup(DemoRealm demo) {
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (arguments.containsOption("demo")) {
            demo.createOnce();
        }
    }
}
