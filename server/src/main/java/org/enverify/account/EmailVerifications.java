package org.enverify.account;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.enverify.realm.Realm;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proving an account's email address by a mailed single-use link, for realms that ask for it
 * ({@code email_verification}). Accepting an invitation or resetting the password proves it as well.
 */
@Service
public class EmailVerifications {

    /** A new mail at most this often, so the resend button cannot flood a mailbox. */
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);

    private final Users users;
    private final AccountLinks links;
    private final AccountMails mails;

    EmailVerifications(Users users, AccountLinks links, AccountMails mails) {
        this.users = users;
        this.links = links;
        this.mails = mails;
    }

    /**
     * Mails a new link in the text of the realm the person works in (else the built-in text) and retires
     * the older ones; does nothing for a verified address or when the last link is younger than
     * {@link #RESEND_INTERVAL}.
     */
    @Transactional
    public void send(User user, Optional<Realm> realm, String baseUrl, Locale locale) {
        if (user.emailVerified()
                || links.createdWithin(AccountLinks.Purpose.EMAIL_VERIFICATION, user.id(), RESEND_INTERVAL)) {
            return;
        }
        links.retire(AccountLinks.Purpose.EMAIL_VERIFICATION, user.id());
        String token = links.create(
                AccountLinks.Purpose.EMAIL_VERIFICATION,
                user.id(),
                realm.map(Realm::id).orElse(null));
        mails.emailVerification(realm, user.email(), baseUrl + "/verify-email/" + token, locale);
    }

    /** @return the link's state; the address counts as verified only for {@link AccountLinks.State#VALID} */
    @Transactional
    public AccountLinks.State verify(String token) {
        AccountLinks.Link link = links.use(AccountLinks.Purpose.EMAIL_VERIFICATION, token);
        if (link.state() == AccountLinks.State.VALID) {
            users.markEmailVerified(link.userId());
        }
        return link.state();
    }
}
