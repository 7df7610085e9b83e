package org.enverify.account;

import java.util.Locale;
import java.util.Set;
import org.enverify.mailoutbox.Mailer;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds people to a realm. Someone new gets an account without a password and a single-use link to
 * choose one, in the realm's invitation text; someone with an account is told they joined. An account that
 * is still waiting for its password belongs to whoever invited it first: only that realm may send it a new
 * link, and another realm's admin just adds a membership. Both mails go out only if the membership commits.
 */
@Service
public class Invitations {

    private final Users users;
    private final Memberships memberships;
    private final AccountLinks links;
    private final Mailer mailer;
    private final MessageSource messages;
    private final AccountMails accountMails;

    Invitations(
            Users users,
            Memberships memberships,
            AccountLinks links,
            Mailer mailer,
            MessageSource messages,
            AccountMails accountMails) {
        this.users = users;
        this.memberships = memberships;
        this.links = links;
        this.mailer = mailer;
        this.messages = messages;
        this.accountMails = accountMails;
    }

    /**
     * @param baseUrl where the web UI is reached, such as {@code https://verify.example.org}
     * @throws Refusal about a malformed email or name, or no permission chosen
     * @throws PermissionEscalationException when the granter does not hold a chosen permission
     */
    @Transactional
    public User invite(
            Memberships.Granter granter,
            Realm realm,
            String email,
            String name,
            Set<Permission> permissions,
            String baseUrl,
            Locale locale) {
        if (permissions.isEmpty()) {
            throw InputRefusal.of("permissions", "none is chosen", "permissions.none");
        }
        User user = users.findByEmail(email).orElse(null);
        boolean isNew = user == null;
        if (isNew) {
            user = users.create(email, name, false);
        }
        memberships.setPermissions(granter, realm.id(), user.id(), permissions);
        if (isNew || (!user.hasPassword() && !user.systemAdmin() && links.firstInvitedBy(user.id(), realm.id()))) {
            links.retire(AccountLinks.Purpose.INVITATION, user.id());
            String token = links.create(AccountLinks.Purpose.INVITATION, user.id(), realm.id());
            accountMails.invitation(realm, user.email(), baseUrl + "/invitations/" + token, locale);
        } else {
            mailer.send(
                    realm.id(),
                    user.email(),
                    messages.getMessage("mail.joined.subject", new Object[] {realm.name()}, locale),
                    messages.getMessage("mail.joined.body", new Object[] {realm.name(), baseUrl + "/login"}, locale));
        }
        return user;
    }

    /**
     * Makes someone a system administrator: an existing account is promoted, a new one is invited to
     * choose its password.
     */
    @Transactional
    public User inviteSystemAdmin(String email, String name, String baseUrl, Locale locale, Actor actor) {
        User existing = users.findByEmail(email).orElse(null);
        User user = existing != null ? existing : users.create(email, name, false);
        users.setSystemAdmin(user.id(), true, actor);
        if (!user.hasPassword()) {
            links.retire(AccountLinks.Purpose.INVITATION, user.id());
            String token = links.create(AccountLinks.Purpose.INVITATION, user.id(), null);
            mailer.send(
                    null,
                    user.email(),
                    messages.getMessage("mail.adminInvitation.subject", null, locale),
                    messages.getMessage(
                            "mail.adminInvitation.body", new Object[] {baseUrl + "/invitations/" + token}, locale));
        }
        return user;
    }

    /**
     * Sets the invited person's password; reaching the link proves the email, so it counts as verified.
     *
     * @return the link's state; the password was set only for {@link AccountLinks.State#VALID}
     * @throws Refusal about the {@code password} when the policy refuses it (the link stays usable)
     */
    @Transactional
    public AccountLinks.State accept(String token, String password) {
        AccountLinks.Link link = links.peek(AccountLinks.Purpose.INVITATION, token);
        if (link.state() != AccountLinks.State.VALID) {
            return link.state();
        }
        users.setPassword(link.userId(), password);
        if (links.use(AccountLinks.Purpose.INVITATION, token).state() != AccountLinks.State.VALID) {
            throw new IllegalStateException("the link was used by a concurrent request");
        }
        users.markEmailVerified(link.userId());
        return AccountLinks.State.VALID;
    }
}
