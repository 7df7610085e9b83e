package org.enverify.realm;

/** One text of a realm's pages in one language, such as the agency's own wording of a message. */
public record Translation(String messageId, String locale, String message) {

    public Translation {
        if (messageId == null || messageId.isBlank() || messageId.length() > 200) {
            throw new IllegalArgumentException("a message id is 1 to 200 characters");
        }
        locale = AgencyBranding.locale(locale == null ? "" : locale);
        if (message == null || message.length() > 10_000 || message.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("a message is at most 10000 characters, without NUL");
        }
    }
}
