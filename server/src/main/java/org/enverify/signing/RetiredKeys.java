package org.enverify.signing;

import java.time.Duration;
import java.time.Instant;
import org.enverify.jobs.CleanupSettings;
import org.enverify.jobs.CleanupStep;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Deletes key material nothing can use any more: retired token and HMAC keys, destroyed realm keys. */
@Component
class RetiredKeys implements CleanupStep {

    private final TokenSigningKeyStore tokenKeys;
    private final HmacKeyStore hmacKeys;
    private final CertificateKeyStore certificateKeys;
    private final TokenSettings tokens;
    private final CleanupSettings cleanup;

    RetiredKeys(
            TokenSigningKeyStore tokenKeys,
            HmacKeyStore hmacKeys,
            CertificateKeyStore certificateKeys,
            TokenSettings tokens,
            CleanupSettings cleanup) {
        this.tokenKeys = tokenKeys;
        this.hmacKeys = hmacKeys;
        this.certificateKeys = certificateKeys;
        this.tokens = tokens;
        this.cleanup = cleanup;
    }

    @Override
    public String name() {
        return "retired keys";
    }

    @Override
    @Transactional
    public long clean(Instant now) {
        // A retired token key signed tokens until its retirement; they live for the token duration.
        Duration tokenKeyKept = cleanup.retiredKeyPurgeAfter().compareTo(tokens.duration()) > 0
                ? cleanup.retiredKeyPurgeAfter()
                : tokens.duration().plusHours(1);
        return tokenKeys.purgeRetired(now.minus(tokenKeyKept))
                + hmacKeys.purgeRetired(now.minus(cleanup.retiredKeyPurgeAfter()))
                + certificateKeys.purgeDestroyed(now.minus(cleanup.retiredKeyPurgeAfter()));
    }
}
