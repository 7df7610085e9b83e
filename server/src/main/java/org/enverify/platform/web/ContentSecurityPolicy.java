package org.enverify.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The content policy of HTML pages, and its one widening: a page that shows an image from another origin and one
 * style element of its own (the user-report web view in a health agency's colors) names both exactly, so that
 * nothing else loads.
 */
public final class ContentSecurityPolicy {

    // Bootstrap draws check marks, radio dots, switches and select arrows as data: SVG images.
    static final String DEFAULT =
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    private ContentSecurityPolicy() {}

    /**
     * The default policy, also allowing images from {@code imageOrigin} and the one style element whose text is
     * {@code style}; either may be null.
     *
     * @param imageOrigin an https origin such as {@code https://example.org}, checked by the caller
     */
    public static String allowing(String imageOrigin, String style) {
        StringBuilder policy = new StringBuilder("default-src 'self'; img-src 'self' data:");
        if (imageOrigin != null) {
            policy.append(' ').append(imageOrigin);
        }
        policy.append("; ");
        if (style != null) {
            policy.append("style-src 'self' 'sha256-").append(sha256(style)).append("'; ");
        }
        return policy.append("frame-ancestors 'none'; object-src 'none'; base-uri 'self'")
                .toString();
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
