package org.enverify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A page's path id that is no id at all answers the not-found page, as an unknown id does. */
@EnverifyIntegrationTest
class MalformedIdIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Test
    void aMalformedIdIsNotFoundLikeAnUnknownOne() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        UiClient admin = new UiClient(port);
        admin.signIn(
                TestUsers.member(users, memberships, realm.id(), Permission.REALM_ADMIN)
                        .email(),
                TestUsers.PASSWORD);

        for (String path : new String[] {"/realm/users/", "/realm/webhooks/", "/codes/bulk-issue/"}) {
            UiClient.Page malformed = admin.get(path + "abc");
            UiClient.Page unknown =
                    admin.get(path + (path.contains("bulk") ? "0f2b6a4e-1d0c-4d7a-9c63-5b1f7e8a9d20" : "987654321"));
            assertThat(malformed.status()).as(path).isEqualTo(404);
            assertThat(unknown.status()).as(path).isEqualTo(404);
            assertThat(withoutTimeAndPath(malformed.body())).as(path).isEqualTo(withoutTimeAndPath(unknown.body()));
        }
        admin.get("/realm/apikeys");
        assertThat(admin.postConfirmed("/realm/apikeys/abc/disable", Map.of()).status())
                .isEqualTo(404);
        assertThat(admin.postConfirmed("/realm/apikeys/987654321/disable", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aMalformedFormValueKeepsItsBadRequest() {
        UiClient admin = new UiClient(port);
        admin.signIn(TestUsers.systemAdmin(users).email(), TestUsers.PASSWORD);
        admin.get("/admin/users");
        assertThat(admin.postConfirmed("/admin/users/987654321/system-admin", Map.of("value", "perhaps"))
                        .status())
                .isEqualTo(400);
    }

    private static String withoutTimeAndPath(String errorPage) {
        return errorPage.replaceAll("\"(timestamp|path)\":\"[^\"]*\"", "");
    }
}
