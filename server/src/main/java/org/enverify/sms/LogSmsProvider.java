package org.enverify.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** For installations without an SMS provider: notes that an SMS would have gone out, and nothing of it. */
final class LogSmsProvider implements SmsProvider {

    private static final Logger log = LoggerFactory.getLogger(LogSmsProvider.class);

    private final String realm;

    LogSmsProvider(String realm) {
        this.realm = realm;
    }

    @Override
    public void send(String to, String from, String body) {
        log.info(
                "SMS of realm {} handed to the log provider ({} characters); no SMS left this server",
                realm,
                body.length());
    }
}
