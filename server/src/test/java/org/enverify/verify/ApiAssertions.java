package org.enverify.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

final class ApiAssertions {

    private ApiAssertions() {}

    /** 1024 to 2047 random bytes in standard, padded base64. */
    static void isPadding(String padding) {
        assertThat(padding).matches("[A-Za-z0-9+/]+={0,2}");
        assertThat(padding.length() % 4).isZero();
        assertThat(Base64.getDecoder().decode(padding).length).isBetween(1024, 2047);
    }
}
