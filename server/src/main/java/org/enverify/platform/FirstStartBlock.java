package org.enverify.platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * What a person starting Enverify for the first time needs (where to sign in, the first administrator's
 * one-time password, the demo realm's keys and walkthrough), gathered while the server starts and
 * printed once it is ready, after the start's log, as one delimited block on standard output: no
 * password in the middle of the log. A start with nothing new to tell prints no block.
 */
@Component
public class FirstStartBlock implements ApplicationListener<ApplicationReadyEvent> {

    /** The line above and below the block. */
    public static final String RULE = "=".repeat(100);

    private final List<String> sections = new CopyOnWriteArrayList<>();
    private final Console console;

    FirstStartBlock(Console console) {
        this.console = console;
    }

    /** One paragraph of the block, in the order the start made them. */
    public void add(String section) {
        sections.add(section.strip());
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (sections.isEmpty()) {
            return;
        }
        console.println("\n" + RULE + "\n" + String.join("\n\n", sections) + "\n" + RULE);
        sections.clear();
    }
}
