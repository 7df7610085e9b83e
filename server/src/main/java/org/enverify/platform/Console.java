package org.enverify.platform;

import java.io.PrintStream;
import org.springframework.stereotype.Component;

/**
 * Standard output for what a person asked for (a created key, a CLI listing). Logs go to standard
 * error in CLI mode, so scripts can capture stdout alone.
 */
@Component
public class Console {

    private final PrintStream out = System.out;

    public void println(String line) {
        out.println(line);
        out.flush();
    }
}
