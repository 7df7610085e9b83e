package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A realm keeps someone who can manage its people: only a system administrator may take UserWrite from its last
 * member who holds it. The users page shows the refusal's message; the management API answers 409.
 */
@EnverifyIntegrationTest
class LastUserAdminIntegrationTests {

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    private User member(TestRealm realm, Set<Permission> permissions) {
        User user = users.create("m-" + java.util.UUID.randomUUID() + "@example.org", "Member", false);
        memberships.setPermissions(Memberships.Granter.system(), realm.id(), user.id(), permissions);
        return user;
    }

    @Test
    void theLastUserAdminCannotTakeUserWriteFromThemselvesButASystemAdministratorMay() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        User admin = member(realm, Permission.REALM_ADMIN);
        Memberships.Granter self = new Memberships.Granter(Permission.REALM_ADMIN, false, Actor.user(admin.id()));

        assertThatThrownBy(
                        () -> memberships.setPermissions(self, realm.id(), admin.id(), Set.of(Permission.CODE_ISSUE)))
                .isInstanceOfSatisfying(Refusal.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.LAST_USER_ADMIN);
                    assertThat(refused.field()).contains("permissions");
                    assertThat(refused.messageKey()).contains("users.lastUserAdmin");
                });
        assertThat(memberships.member(realm.id(), admin.id()).orElseThrow().permissions())
                .isEqualTo(Permission.REALM_ADMIN);

        assertThat(memberships.setPermissions(
                        Memberships.Granter.systemAdmin(Actor.cli()),
                        realm.id(),
                        admin.id(),
                        Set.of(Permission.CODE_ISSUE)))
                .map(Membership::permissions)
                .contains(Set.of(Permission.CODE_ISSUE));
    }

    @Test
    void anotherUserAdminLetsTheFirstGo() {
        TestRealm realm = TestRealm.create(realms, apiKeys);
        User first = member(realm, Permission.REALM_ADMIN);
        member(realm, Set.of(Permission.USER_WRITE));
        Memberships.Granter self = new Memberships.Granter(Permission.REALM_ADMIN, false, Actor.user(first.id()));

        assertThat(memberships.setPermissions(self, realm.id(), first.id(), Set.of()))
                .isEmpty();
        assertThat(memberships.member(realm.id(), first.id())).isEmpty();
    }
}
