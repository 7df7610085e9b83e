package org.enverify.account;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits attempts to prove who one is (passwords, second-factor codes) per account and per client
 * address. The rate limits implement it, where the buckets live.
 */
public interface SignInThrottle {

    /**
     * @param accountKey names the account without revealing it (bucket keys may reach Redis)
     * @return empty when the attempt may go on, else how long until one would be admitted
     */
    Optional<Duration> admitSignIn(String accountKey, String address);
}
