package org.enverify.account;

import java.util.Locale;
import org.enverify.mail.Mailer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by mail. Asking for a reset says nothing about whether the email has an account; a
 * reset ends every session of the account and retires its other reset links.
 */
@Service
public class PasswordResets {

    private final Users users;
    private final AccountLinks links;
    private final Mailer mailer;
    private final MessageSource messages;

    PasswordResets(Users users, AccountLinks links, Mailer mailer, MessageSource messages) {
        this.users = users;
        this.links = links;
        this.mailer = mailer;
        this.messages = messages;
    }

    @Transactional
    public void request(String email, String baseUrl, Locale locale) {
        users.findByEmail(email).ifPresent(user -> {
            String token = links.create(AccountLinks.Purpose.PASSWORD_RESET, user.id(), null);
            mailer.send(
                    null,
                    user.email(),
                    messages.getMessage("mail.reset.subject", null, locale),
                    messages.getMessage("mail.reset.body", new Object[] {baseUrl + "/login/reset/" + token}, locale));
        });
    }

    /**
     * @return the link's state; the password was changed only for {@link AccountLinks.State#VALID}
     * @throws InvalidAccountInputException when the policy refuses the password (the link stays usable)
     */
    @Transactional
    public AccountLinks.State reset(String token, String password) {
        AccountLinks.Link link = links.peek(AccountLinks.Purpose.PASSWORD_RESET, token);
        if (link.state() != AccountLinks.State.VALID) {
            return link.state();
        }
        users.setPassword(link.userId(), password, false);
        if (links.use(AccountLinks.Purpose.PASSWORD_RESET, token).state() != AccountLinks.State.VALID) {
            throw new IllegalStateException("the link was used by a concurrent request");
        }
        links.retire(AccountLinks.Purpose.PASSWORD_RESET, link.userId());
        users.markEmailVerified(link.userId());
        users.revokeSessions(link.userId());
        return AccountLinks.State.VALID;
    }
}
