package org.enverify.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeys;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without {@code ENVERIFY_TENANCY_HOST_SUFFIX} and redirect hosts, host names mean nothing. */
@EnverifyIntegrationTest
class HostsIgnoredIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void aRealmsSlugHostServesEveryRealm(ApiClient api) {
        String slug = "t" + UUID.randomUUID().toString().substring(0, 8);
        TestRealm.create(realms, apiKeys, Map.of("slug", slug));
        TestRealm other = TestRealm.create(realms, apiKeys);
        ApiClient onApiHost = api.onHost(slug + "-api.example.org");
        assertThat(onApiHost
                        .post("/api/issue", other.adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(200);
        ApiClient onUiHost = api.onHost(slug + ".example.org");
        assertThat(onUiHost.get("/jwks/" + other.id()).status()).isEqualTo(200);
        assertThat(api.onHost("anything.invalid").get("/jwks/system").status()).isEqualTo(200);
    }
}
