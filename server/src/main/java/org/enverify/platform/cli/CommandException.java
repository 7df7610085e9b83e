package org.enverify.platform.cli;

/** A mistake on the command line or a refused value; its message is shown to the operator. */
public class CommandException extends RuntimeException {

    public CommandException(String message) {
        super(message);
    }
}
