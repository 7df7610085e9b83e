package org.enverify.demo;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.FirstStartBlock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** {@code java -jar enverify.jar --demo}: the server starts with the demo realm in place, its keys in the first-start block. */
@Component
@ConditionalOnRole
class DemoStartup implements ApplicationRunner {

    private final DemoRealm demo;
    private final FirstStartBlock firstStart;

    DemoStartup(DemoRealm demo, FirstStartBlock firstStart) {
        this.demo = demo;
        this.firstStart = firstStart;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (arguments.containsOption("demo")) {
            firstStart.add(demo.createOnce());
        }
    }
}
