package org.enverify.mailoutbox;

/** How a realm's mails may leave: whether a system administrator lets it mail its own texts through the system SMTP. */
public record MailDeliveryRealmSettings(boolean canUseSystemEmailConfig) {}
