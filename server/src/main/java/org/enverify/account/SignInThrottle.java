package org.enverify.account;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits attempts to prove who one is (passwords, second-factor codes) per account at one client address and per
 * client address, and wrong passwords per account from everywhere. No one can lock an account's owner out: what
 * one address does holds back only that address, and an account held back for wrong passwords from many
 * addresses still lets its right password on to the second factor. The rate limits implement it, where the
 * buckets live.
 */
public interface SignInThrottle {

    /**
     * @param accountKey names the account without revealing it (bucket keys may reach Redis)
     * @return empty when the attempt may go on, else how long until one would be admitted
     */
    Optional<Duration> admitSignIn(String accountKey, String address);

    /**
     * A password reset request, limited per client address only: asking for resets never holds back sign-in.
     *
     * @return empty when the request may go on, else how long until one would be admitted
     */
    Optional<Duration> admitResetRequest(String address);

    /** How long the account's sign-in is held back after wrong passwords from every address; takes nothing. */
    Optional<Duration> accountHeldBack(long userId);

    /**
     * Counts a wrong password against the account.
     *
     * @return true when the account is held back now and its owner has not been told so within the limit's interval
     */
    boolean wrongPassword(long userId);
}
