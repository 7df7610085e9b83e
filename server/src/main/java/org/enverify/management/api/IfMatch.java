package org.enverify.management.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/** The {@code If-Match} of a change of a document whose {@code ETag} names its version. */
public final class IfMatch {

    private IfMatch() {}

    /**
     * The version the request's {@code If-Match} names: its (first) entity tag without quotes or the weak mark;
     * empty without the header or with {@code *}, for a change of whatever version is current.
     */
    public static Optional<String> version(HttpServletRequest request) {
        String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
        if (ifMatch == null || ifMatch.trim().equals("*")) {
            return Optional.empty();
        }
        String tag = ifMatch.split(",", 2)[0].trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return Optional.of(
                tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")
                        ? tag.substring(1, tag.length() - 1)
                        : tag);
    }
}
