package org.enverify.abuse.ratelimit;

import java.util.Locale;

/** A group of routes that shares one limit and one set of buckets. */
enum Surface {
    DEVICE_API,
    ADMIN_API,
    JWKS,
    REDIRECT,
    UI,
    UI_ANONYMOUS,
    SIGN_IN,
    SIGN_IN_ADDRESS,
    SIGN_IN_ACCOUNT,
    /** At most one mail a period telling an account's owner that its sign-in is held back. */
    SIGN_IN_NOTICE;

    /** How the surface is named in bucket keys and metrics: {@code device-api}. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String variable() {
        return "ENVERIFY_RATE_LIMIT_" + name();
    }
}
