package org.enverify.e2e;

/** A step of a flow that did not give what the protocol promises; the message never carries codes or tokens. */
final class StepFailed extends RuntimeException {

    final String step;

    StepFailed(String step, String message) {
        super(message);
        this.step = step;
    }
}
