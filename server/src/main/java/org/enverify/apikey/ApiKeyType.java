package org.enverify.apikey;

/** Which API surface a key opens. */
public enum ApiKeyType {
    /** Phone apps: {@code /api/verify}, {@code /api/certificate}, {@code /api/user-report}. */
    DEVICE,
    /** PHA systems: issue, batch issue, check status, expire. */
    ADMIN,
    /** Statistics exports. */
    STATS
}
