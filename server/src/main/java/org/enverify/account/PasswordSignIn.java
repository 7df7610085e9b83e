package org.enverify.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Checks an email and password against the account's Argon2id hash. Unknown emails and accounts
 * without a password cost one hash as well, so the answer's timing does not tell which emails exist. An
 * account with a second factor is only half signed in: see {@link SignedInUser#secondFactorPending()}.
 * Wrong passwords count against the account ({@link SignInThrottle#wrongPassword}); while they hold it back,
 * only a right password that a second factor must follow goes on, and the owner is told once by mail.
 */
@Component
public class PasswordSignIn implements AuthenticationProvider {

    private static final String UNUSED_PASSWORD = "an unknown account is checked against this";

    private final Users users;
    private final SecondFactors secondFactors;
    private final Clock clock;
    private final ObjectProvider<SignInThrottle> throttle;
    private final AccountMails mails;
    private final String decoyHash;

    // Only the processes that serve sign-in pages have the rate limits.
    PasswordSignIn(
            Users users,
            SecondFactors secondFactors,
            Clock clock,
            ObjectProvider<SignInThrottle> throttle,
            AccountMails mails) {
        this.users = users;
        this.secondFactors = secondFactors;
        this.clock = clock;
        this.throttle = throttle;
        this.mails = mails;
        this.decoyHash = users.passwordEncoder().encode(UNUSED_PASSWORD);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getPrincipal());
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        User user = users.findByEmail(email).orElse(null);
        String hash = user == null ? null : users.passwordHash(user.id()).orElse(null);
        if (hash == null) {
            users.passwordEncoder().matches(password, decoyHash);
            throw new BadCredentialsException("unknown account or no password");
        }
        SignInThrottle limits = throttle.getIfAvailable();
        Optional<Duration> heldBack = limits == null ? Optional.empty() : limits.accountHeldBack(user.id());
        boolean secondFactor = secondFactors.enrolled(user.id());
        if (!users.passwordEncoder().matches(password, hash)) {
            if (limits != null && limits.wrongPassword(user.id())) {
                mails.signInHeldBack(
                        user.email(),
                        limits.accountHeldBack(user.id()).orElse(Duration.ZERO),
                        LocaleContextHolder.getLocale());
            }
            throw heldBack.<AuthenticationException>map(SignInThrottledException::new)
                    .orElseGet(() -> new BadCredentialsException("wrong password"));
        }
        // While held back, wrong and right passwords get the same answer, unless a second factor must follow.
        if (heldBack.isPresent() && !secondFactor) {
            throw new SignInThrottledException(heldBack.get());
        }
        SignedInUser principal = new SignedInUser(user.id(), user.email(), clock.instant());
        return secondFactor ? principal.secondFactorPending() : principal.signedIn();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
