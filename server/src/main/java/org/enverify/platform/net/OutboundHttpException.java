package org.enverify.platform.net;

/** A call to a third party that failed: no answer, a broken connection or an answer too large. */
public class OutboundHttpException extends RuntimeException {

    public OutboundHttpException(String message) {
        super(message);
    }
}
