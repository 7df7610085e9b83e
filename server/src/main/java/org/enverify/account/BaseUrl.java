package org.enverify.account;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The address mails link to: {@code ENVERIFY_PUBLIC_URL}, else the one this request came to. */
public final class BaseUrl {

    private BaseUrl() {}

    public static String of(AccountSettings settings, HttpServletRequest request) {
        if (settings.publicUrl() != null && !settings.publicUrl().isBlank()) {
            return settings.publicUrl().replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
}
