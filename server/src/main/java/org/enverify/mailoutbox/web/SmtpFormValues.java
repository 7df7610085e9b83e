package org.enverify.mailoutbox.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.enverify.mailoutbox.SmtpInput;
import org.enverify.mailoutbox.SmtpShown;

/** The SMTP fields as a page fills them in: from the stored account, or as posted when refused; never a password. */
final class SmtpFormValues {

    private SmtpFormValues() {}

    static Map<String, String> of(SmtpShown account) {
        return values(
                account.host(), Integer.toString(account.port()), account.username(), account.from(), account.tls());
    }

    static Map<String, String> of(SmtpInput posted) {
        return values(posted.host(), posted.port(), posted.username(), posted.from(), posted.tls());
    }

    private static Map<String, String> values(String host, String port, String username, String from, String tls) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("host", host);
        values.put("port", port);
        values.put("username", username);
        values.put("from", from);
        values.put("tls", tls);
        return values;
    }
}
