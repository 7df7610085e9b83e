package org.enverify.account;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.enverify.platform.Refusal;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by mail. Asking for a reset says nothing about whether the email has an account; a
 * reset ends every session of the account and retires its other reset links. The mail is in the text of
 * the account's realm when it belongs to exactly one (the request names no realm), else the built-in text.
 */
@Service
public class PasswordResets {

    private final Users users;
    private final AccountLinks links;
    private final AccountMails mails;
    private final Memberships memberships;
    private final Realms realms;

    PasswordResets(Users users, AccountLinks links, AccountMails mails, Memberships memberships, Realms realms) {
        this.users = users;
        this.links = links;
        this.mails = mails;
        this.memberships = memberships;
        this.realms = realms;
    }

    @Transactional
    public void request(String email, String baseUrl, Locale locale) {
        users.findByEmail(email).ifPresent(user -> {
            String token = links.create(AccountLinks.Purpose.PASSWORD_RESET, user.id(), null);
            mails.passwordReset(onlyRealm(user.id()), user.email(), baseUrl + "/login/reset/" + token, locale);
        });
    }

    /**
     * @return the link's state; the password was changed only for {@link AccountLinks.State#VALID}
     * @throws Refusal about the {@code password} when the policy refuses it (the link stays usable)
     */
    @Transactional
    public AccountLinks.State reset(String token, String password) {
        AccountLinks.Link link = links.peek(AccountLinks.Purpose.PASSWORD_RESET, token);
        if (link.state() != AccountLinks.State.VALID) {
            return link.state();
        }
        users.setPassword(link.userId(), password);
        if (links.use(AccountLinks.Purpose.PASSWORD_RESET, token).state() != AccountLinks.State.VALID) {
            throw new IllegalStateException("the link was used by a concurrent request");
        }
        links.retire(AccountLinks.Purpose.PASSWORD_RESET, link.userId());
        users.markEmailVerified(link.userId());
        users.endSessions(link.userId());
        return AccountLinks.State.VALID;
    }

    private Optional<Realm> onlyRealm(long userId) {
        List<Membership> held = memberships.ofUser(userId);
        return held.size() == 1 ? realms.find(held.getFirst().realmId()) : Optional.empty();
    }
}
