package org.enverify.signing;

import java.time.Duration;

/** Whether a realm signs certificates with its own key, what those carry, and whether the key rotates. */
public record SigningRealmSettings(
        boolean useRealmCertificateKey,
        String certificateIssuer,
        String certificateAudience,
        Duration certificateDuration,
        boolean autoRotateCertificateKey) {}
