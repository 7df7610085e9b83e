package org.enverify.account;

import java.time.Clock;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks an email and password against the account's Argon2id hash. Unknown emails and accounts
 * without a password cost one hash as well, so the answer's timing does not tell which emails exist. An
 * account with a second factor is only half signed in: see {@link SignedInUser#secondFactorPending()}.
 */
@Component
public class PasswordSignIn implements AuthenticationProvider {

    private static final String UNUSED_PASSWORD = "an unknown account is checked against this";

    private final Users users;
    private final SecondFactors secondFactors;
    private final Clock clock;
    private final String decoyHash;

    PasswordSignIn(Users users, SecondFactors secondFactors, Clock clock) {
        this.users = users;
        this.secondFactors = secondFactors;
        this.clock = clock;
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
        if (!users.passwordEncoder().matches(password, hash)) {
            throw new BadCredentialsException("wrong password");
        }
        SignedInUser principal = new SignedInUser(user.id(), user.email(), clock.instant());
        return secondFactors.enrolled(user.id()) ? principal.secondFactorPending() : principal.signedIn();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
