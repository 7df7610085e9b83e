package org.enverify.account;

import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;

/** Refused account input: the command line's English text and the key of the message a form shows. */
final class InputRefusal {

    private InputRefusal() {}

    static Refusal of(String field, String text, String messageKey) {
        return Refusal.of(ErrorCode.UNPARSABLE_REQUEST, text).about(field).shown(messageKey);
    }
}
