package org.enverify.support;

import static org.assertj.core.api.Assertions.assertThat;

/** The management API's error envelope, as tests expect it (docs/management-api.md). */
public final class ManagementErrors {

    private ManagementErrors() {}

    /** @param field the {@code error.field} expected, or null when the test does not care */
    public static void assertError(ApiClient.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("status").asString()).isEqualTo("error");
        assertThat(response.json().path("error").path("code").asString()).isEqualTo(code);
        if (field != null) {
            assertThat(response.json().path("error").path("field").asString()).isEqualTo(field);
        }
    }
}
