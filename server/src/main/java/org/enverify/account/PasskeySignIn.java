package org.enverify.account;

import java.time.Clock;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.stereotype.Component;

/**
 * Signs in with a passkey, to a {@link SignedInUser} like a password does. A passkey completes a sign-in
 * whose password step is done and waits for a second factor of the same account; on its own it signs in
 * only when the authenticator verified the person (PIN or biometrics), which makes it two factors already.
 */
@Component
public class PasskeySignIn implements AuthenticationProvider {

    private static final int FLAGS_OFFSET = 32;
    private static final int USER_VERIFIED = 0x04;

    private final Passkeys passkeys;
    private final Clock clock;

    PasskeySignIn(Passkeys passkeys, Clock clock) {
        this.passkeys = passkeys;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        WebAuthnAuthenticationRequestToken token = (WebAuthnAuthenticationRequestToken) authentication;
        PublicKeyCredentialUserEntity entity;
        try {
            entity = passkeys.authenticate(token.getWebAuthnRequest());
        } catch (RuntimeException e) {
            throw new BadCredentialsException("passkey assertion refused", e);
        }
        User user = passkeys.owner(entity).orElseThrow(() -> new BadCredentialsException("passkey without account"));
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        boolean completesPending = SignedInUser.secondFactorPending(current)
                && ((SignedInUser) current.getPrincipal()).userId() == user.id();
        if (!completesPending && !userVerified(token)) {
            throw new BadCredentialsException("a passkey without user verification is only a second factor");
        }
        return new SignedInUser(user.id(), user.email(), clock.instant()).signedIn();
    }

    /** The UV flag of the authenticator data, which the verified signature covers. */
    private static boolean userVerified(WebAuthnAuthenticationRequestToken token) {
        byte[] data = token.getWebAuthnRequest()
                .getPublicKey()
                .getResponse()
                .getAuthenticatorData()
                .getBytes();
        return data.length > FLAGS_OFFSET && (data[FLAGS_OFFSET] & USER_VERIFIED) != 0;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
    }
}
