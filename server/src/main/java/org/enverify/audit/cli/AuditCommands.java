package org.enverify.audit.cli;

import org.enverify.audit.AuditLog;
import org.enverify.audit.AuditVerifier;
import org.enverify.platform.Console;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.platform.cli.CommandGroup;
import org.springframework.stereotype.Component;

/** {@code audit verify}: checks the audit chains. */
@Component
@CommandGroup(name = "audit", usage = """
                  audit verify [--realm ID|system]
                      checks every audit chain (or one) and names the first entry where a chain breaks;
                      exits 0 when all are intact, 1 when one is broken
                """)
class AuditCommands implements CliCommand {

    /** The exit code of a verification that found a break; 2 stays a usage error. */
    static final int BROKEN = 1;

    private final AuditVerifier verifier;
    private final Console console;

    AuditCommands(AuditVerifier verifier, Console console) {
        this.verifier = verifier;
        this.console = console;
    }

    @Override
    public int run(CommandArguments arguments) {
        if (!arguments.action().equals("verify")) {
            throw new CommandException("Unknown audit action '" + arguments.action() + "'");
        }
        AuditVerifier.Verification result = arguments
                .option("realm")
                .map(realm -> verifier.verifyChain(chain(realm)))
                .orElseGet(verifier::verifyAll);
        result.breaks().forEach(broken -> console.println(broken.describe()));
        String summary = result.entries() + " entries in " + result.chains() + " chains verified";
        if (result.intact()) {
            console.println(summary);
            return 0;
        }
        console.println(summary + "; " + result.breaks().size() + " broken");
        return BROKEN;
    }

    private static long chain(String realm) {
        return realm.trim().equals("system") ? AuditLog.SYSTEM_CHAIN : CommandArguments.parseId(realm, "--realm");
    }
}
