package org.enverify.realm;

import java.util.List;

/**
 * A setting's text its type refuses, as the key of the message saying why and that message's arguments
 * (already text, so that numbers print as the rule states them); {@link Realms} names the setting.
 */
public final class SettingValueRefused extends RuntimeException {

    private final String messageKey;
    private final List<String> arguments;

    public SettingValueRefused(String messageKey, String... arguments) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
        this.arguments = List.of(arguments);
    }

    public String messageKey() {
        return messageKey;
    }

    public List<String> arguments() {
        return arguments;
    }
}
