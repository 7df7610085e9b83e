package org.enverify.account;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The principal of a web session. Its name is the user id, which indexes the session in Spring
 * Session's table (so {@link SessionRevocation} finds it) and does not change when the email does.
 * It holds no permission: those are read per request, so a change applies at once.
 *
 * @param throughIdentityProvider signed in through the OpenID Connect provider, which answers for the
 *     second factor and the password, so the realm's MFA mode and password rotation do not apply
 */
public record SignedInUser(long userId, String email, Instant signedInAt, boolean throughIdentityProvider)
        implements UserDetails, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Signed in with a password or a passkey. */
    public SignedInUser(long userId, String email, Instant signedInAt) {
        this(userId, email, signedInAt, false);
    }

    /** Granted to every signed-in session. */
    public static final String AUTHORITY = "ROLE_USER";

    /**
     * Granted instead of {@link #AUTHORITY} after the password of an account with a second factor: such a
     * session may only complete the sign-in at {@code /login/mfa} or sign out.
     */
    public static final String SECOND_FACTOR_PENDING = "MFA_PENDING";

    /** A fully signed-in session of this user. */
    public Authentication signedIn() {
        return UsernamePasswordAuthenticationToken.authenticated(this, null, getAuthorities());
    }

    /** A session that has passed the password and waits for the second factor. */
    public Authentication secondFactorPending() {
        return UsernamePasswordAuthenticationToken.authenticated(
                this, null, List.of(new SimpleGrantedAuthority(SECOND_FACTOR_PENDING)));
    }

    /** Whether the authentication is one of {@link #secondFactorPending()}. */
    public static boolean secondFactorPending(Authentication authentication) {
        return authentication != null
                && authentication.getPrincipal() instanceof SignedInUser
                && authentication.getAuthorities().stream()
                        .anyMatch(authority -> SECOND_FACTOR_PENDING.equals(authority.getAuthority()));
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(AUTHORITY));
    }

    @Override
    public String getPassword() {
        return null;
    }

    @Override
    public String getUsername() {
        return Long.toString(userId);
    }
}
