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
    private final PrintStream err = System.err;

    public void println(String line) {
        out.println(line);
        out.flush();
    }

    /** A refusal or a failure told to the person who ran a command, on standard error. */
    public void error(String line) {
        err.println(line);
        err.flush();
    }
}
