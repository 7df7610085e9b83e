package org.enverify.account;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused for now, right or wrong password alike: wrong passwords from many addresses hold the account back. */
public class SignInThrottledException extends AuthenticationException {

    private final Duration wait;

    SignInThrottledException(Duration wait) {
        super("sign-in held back");
        this.wait = wait;
    }

    /** How long until an attempt would be admitted. */
    public Duration waitFor() {
        return wait;
    }
}
