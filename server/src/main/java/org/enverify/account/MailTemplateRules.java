package org.enverify.account;

import org.enverify.realm.SettingValueRefused;

/**
 * The rules of a realm's account mail texts: empty (the built-in text is used) or a text of at most
 * {@link #MAXIMUM_LENGTH} characters that contains its link placeholder, since a mail without its link is useless.
 */
final class MailTemplateRules {

    static final int MAXIMUM_LENGTH = 4000;

    private MailTemplateRules() {}

    static String normalize(String value, String linkPlaceholder) {
        String text = value.replace("\r\n", "\n").strip();
        if (text.isEmpty()) {
            return "";
        }
        if (text.length() > MAXIMUM_LENGTH) {
            throw new SettingValueRefused("setting.error.tooLong", Integer.toString(MAXIMUM_LENGTH));
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new SettingValueRefused("setting.error.controlCharacters");
        }
        if (!text.contains(linkPlaceholder)) {
            throw new SettingValueRefused("setting.error.mailTemplateLink", linkPlaceholder);
        }
        return text;
    }
}
