package org.enverify.platform;

import java.util.regex.Pattern;

/**
 * Who changed something, as the audit trail names it: {@code users:<id>}, {@code apikeys:<id>},
 * {@code system} (a periodic task) or {@code cli} (an operator at the command line, who has the
 * server's configuration and is not known by name). It lives here, not in the audit feature, because
 * the realm feature passes it on and the audit feature depends on the realm feature.
 */
public record Actor(String id) {

    private static final Pattern FORM = Pattern.compile("(users|apikeys):[1-9][0-9]{0,18}|system|cli");

    public Actor {
        if (id == null || !FORM.matcher(id).matches()) {
            throw new IllegalArgumentException("An actor is users:<id>, apikeys:<id>, system or cli");
        }
    }

    public static Actor user(long userId) {
        return new Actor("users:" + userId);
    }

    public static Actor apiKey(long keyId) {
        return new Actor("apikeys:" + keyId);
    }

    public static Actor system() {
        return new Actor("system");
    }

    public static Actor cli() {
        return new Actor("cli");
    }

    @Override
    public String toString() {
        return id;
    }
}
