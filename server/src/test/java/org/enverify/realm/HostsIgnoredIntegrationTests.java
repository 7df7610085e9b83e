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
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without {@code ENVERIFY_TENANCY_HOST_SUFFIX} and redirect hosts, host names mean nothing. */
@EnverifyIntegrationTest
class HostsIgnoredIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void aRealmsSlugHostServesEveryRealm() {
        String slug = "t" + UUID.randomUUID().toString().substring(0, 8);
        TestRealm.create(realms, apiKeys, Map.of("slug", slug));
        TestRealm other = TestRealm.create(realms, apiKeys);
        ApiClient onApiHost = new ApiClient(port).onHost(slug + "-api.example.org");
        assertThat(onApiHost
                        .post("/api/issue", other.adminKey(), Map.of("testType", "confirmed"))
                        .status())
                .isEqualTo(200);
        ApiClient onUiHost = new ApiClient(port).onHost(slug + ".example.org");
        assertThat(onUiHost.get("/jwks/" + other.id()).status()).isEqualTo(200);
        assertThat(new ApiClient(port)
                        .onHost("anything.invalid")
                        .get("/jwks/system")
                        .status())
                .isEqualTo(200);
    }
}
