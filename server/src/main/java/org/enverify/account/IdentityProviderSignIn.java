package org.enverify.account;

import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a person the OpenID Connect provider vouches for into a session of an existing account, matched
 * by an email address the provider says it verified. Nobody gets an account this way: an administrator
 * invites people first, as for password sign-in.
 */
@Service
public class IdentityProviderSignIn {

    /** Why the provider's answer opens no session. */
    public enum Refusal {
        /** The provider sent no email address or did not say it verified it. */
        EMAIL_UNVERIFIED,
        /** No account uses the address (never invited, or deleted). */
        UNKNOWN_ACCOUNT
    }

    /** A session's principal, or why there is none. */
    public record Outcome(Optional<SignedInUser> user, Refusal refusal) {}

    private final Users users;
    private final Clock clock;

    IdentityProviderSignIn(Users users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    /** The provider verified the address, so the account's address counts as verified from now on. */
    @Transactional
    public Outcome signIn(String email, Boolean emailVerified) {
        if (email == null || email.isBlank() || !Boolean.TRUE.equals(emailVerified)) {
            return new Outcome(Optional.empty(), Refusal.EMAIL_UNVERIFIED);
        }
        Optional<User> user = users.findByEmail(email);
        if (user.isEmpty()) {
            return new Outcome(Optional.empty(), Refusal.UNKNOWN_ACCOUNT);
        }
        if (!user.get().emailVerified()) {
            users.markEmailVerified(user.get().id());
        }
        return new Outcome(
                Optional.of(new SignedInUser(user.get().id(), user.get().email(), clock.instant(), true)), null);
    }
}
