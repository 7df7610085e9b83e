package org.enverify.account.web;

import com.webauthn4j.util.exception.WebAuthnException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.enverify.account.Passkeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.webauthn.registration.WebAuthnRegistrationFilter;

/**
 * Spring Security's passkey registration ({@code POST /webauthn/register}), answering a refused passkey
 * (failed attestation, a label we refuse, a credential already registered) with 400 rather than an error
 * page. Deleting through {@code DELETE /webauthn/register/{id}} stays refused: the account page deletes
 * passkeys with the password.
 */
class PasskeyRegistrationFilter extends WebAuthnRegistrationFilter {

    private static final Logger log = LoggerFactory.getLogger(PasskeyRegistrationFilter.class);
    private static final RequestMatcher REGISTER =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/webauthn/register");

    PasskeyRegistrationFilter(Passkeys passkeys) {
        super(passkeys.credentialRepository(), passkeys);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!REGISTER.matches(request)) {
            super.doFilterInternal(request, response, chain);
            return;
        }
        try {
            super.doFilterInternal(request, response, chain);
        } catch (IllegalArgumentException | WebAuthnException e) {
            log.info("Passkey registration refused: {}", e.getClass().getSimpleName());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
    }
}
