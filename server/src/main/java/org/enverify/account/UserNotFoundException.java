package org.enverify.account;

/** No account has this id (any more). */
public class UserNotFoundException extends RuntimeException {

    public UserNotFoundException(long userId) {
        super("no user " + userId);
    }
}
