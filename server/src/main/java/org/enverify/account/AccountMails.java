package org.enverify.account;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.enverify.mailoutbox.Mailer;
import org.enverify.mailoutbox.RealmMailAccounts;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The mails that carry account links, in the realm's own text when it set one and its mails may carry it (with
 * {@code [realmname]} and the link's placeholder replaced), else in the built-in text of the reader's language.
 * The subject is always the built-in one.
 */
@Component
class AccountMails {

    private final Mailer mailer;
    private final RealmMailAccounts mailAccounts;
    private final MessageSource messages;

    AccountMails(Mailer mailer, RealmMailAccounts mailAccounts, MessageSource messages) {
        this.mailer = mailer;
        this.mailAccounts = mailAccounts;
        this.messages = messages;
    }

    void invitation(Realm realm, String recipient, String link, Locale locale) {
        send(
                realm.id(),
                recipient,
                messages.getMessage("mail.invitation.subject", new Object[] {realm.name()}, locale),
                ownText(Optional.of(realm), MailTextRealmSettings::emailInviteTemplate)
                        .map(template -> fill(template, realm, "[invitelink]", link))
                        .orElseGet(() -> messages.getMessage(
                                "mail.invitation.body", new Object[] {realm.name(), link}, locale)));
    }

    void emailVerification(Optional<Realm> realm, String recipient, String link, Locale locale) {
        send(
                realm.map(Realm::id).orElse(null),
                recipient,
                messages.getMessage("mail.verify.subject", null, locale),
                ownText(realm, MailTextRealmSettings::emailVerifyTemplate)
                        .map(template -> fill(template, realm.orElseThrow(), "[verifylink]", link))
                        .orElseGet(() -> messages.getMessage("mail.verify.body", new Object[] {link}, locale)));
    }

    void passwordReset(Optional<Realm> realm, String recipient, String link, Locale locale) {
        send(
                realm.map(Realm::id).orElse(null),
                recipient,
                messages.getMessage("mail.reset.subject", null, locale),
                ownText(realm, MailTextRealmSettings::emailPasswordResetTemplate)
                        .map(template -> fill(template, realm.orElseThrow(), "[passwordresetlink]", link))
                        .orElseGet(() -> messages.getMessage("mail.reset.body", new Object[] {link}, locale)));
    }

    /** Tells an account's owner that wrong passwords from elsewhere hold back its sign-in. */
    void signInHeldBack(String recipient, Duration heldBackFor, Locale locale) {
        send(
                null,
                recipient,
                messages.getMessage("mail.signInHeldBack.subject", null, locale),
                messages.getMessage(
                        "mail.signInHeldBack.body", new Object[] {Math.max(1, heldBackFor.toSeconds())}, locale));
    }

    /**
     * The realm's own text for a mail, when it wrote one and its mails may carry it: through its own SMTP account,
     * or through the system account once a system administrator allowed that.
     */
    private Optional<String> ownText(Optional<Realm> realm, Function<MailTextRealmSettings, String> text) {
        return realm.filter(r ->
                        !text.apply(r.settings(MailTextRealmSettings.class)).isEmpty())
                .filter(r -> mailAccounts.sendsOwnTexts(r.id()))
                .map(r -> text.apply(r.settings(MailTextRealmSettings.class)));
    }

    private void send(RealmId realm, String recipient, String subject, String body) {
        mailer.send(realm, recipient, subject, body);
    }

    private static String fill(String template, Realm realm, String placeholder, String link) {
        return template.replace("[realmname]", realm.name()).replace(placeholder, link);
    }
}
