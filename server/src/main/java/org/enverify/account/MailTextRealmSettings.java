package org.enverify.account;

/** A realm's own texts of the mails that carry account links; empty uses the built-in text. */
public record MailTextRealmSettings(
        String emailInviteTemplate, String emailVerifyTemplate, String emailPasswordResetTemplate) {}
