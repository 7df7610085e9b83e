package org.enverify.e2e;

/** The flows of the self-test, each a periodic task of its own, as upstream's e2e-runner has one handler each. */
enum E2eFlow {
    /** Issue, verify, certificate and publish of a confirmed code. */
    DEFAULT("default", "e2e"),
    /** A likely code published, then a confirmed one that revises it with the key server's revision token. */
    REVISE("revise", "e2e-revise"),
    /** A user-report code for the test phone, then the device API's user-report call with a nonce. */
    USER_REPORT("user-report", "e2e-user-report"),
    /** The default walk with the code sent by SMS to the test phone through the realm's provider. */
    SMS("sms", "e2e-sms"),
    /** The redirect role's association files and app-link answers for phones and browsers. */
    REDIRECT("redirect", "e2e-redirect");

    /** The name in {@code e2e_runs.flow}, metrics and {@code e2e.failed} events. */
    final String label;

    /** The periodic task's name, in {@code ENVERIFY_JOBS_<NAME>_*} and {@code /internal/jobs/<name>}. */
    final String taskName;

    E2eFlow(String label, String taskName) {
        this.label = label;
        this.taskName = taskName;
    }
}
