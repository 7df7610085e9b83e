package org.enverify.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.mobileapp.MobileApps;
import org.enverify.mobileapp.NewMobileApp;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.signing.CertificateKeys;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every page and action of the web UI, read from the running application's routes, against every
 * permission: whoever lacks the one a route requires is refused, whoever holds it is let through, a
 * route that requires none must be one of the few meant for any signed-in account, and a realm's
 * objects are not found from another realm.
 */
@EnverifyIntegrationTest
class UiPermissionMatrixIntegrationTests {

    /**
     * Pages for signing in, for one's own account and for choosing a realm, which need no permission in any
     * realm, and the two landing redirects; every other route must say what it requires.
     */
    private static final Pattern ANY_SIGNED_IN_ACCOUNT =
            Pattern.compile("/|/codes|/(login|account|invitations|verify-email|webauthn)(/.*)?");

    private static final String MISSING_ID = "987654321";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    CertificateKeys certificateKeys;

    @Autowired
    MobileApps mobileApps;

    TestRealm realm;

    @BeforeEach
    void setUp() {
        realm = TestRealm.create(realms, apiKeys);
    }

    @Test
    void everyRouteNeedsAPermissionOrIsMeantForEveryAccount() {
        Set<String> unguarded = new TreeSet<>();
        for (Route route : uiRoutes()) {
            if (route.permissions().isEmpty()
                    && !route.systemAdminOnly()
                    && !ANY_SIGNED_IN_ACCOUNT.matcher(route.path()).matches()) {
                unguarded.add(route.method() + " " + route.path());
            }
        }
        assertThat(unguarded)
                .as("UI routes with neither @RequirePermission nor @SystemAdminOnly")
                .isEmpty();
    }

    @Test
    void aMemberWithoutTheRequiredPermissionIsRefusedAndOneWithItIsLetThrough() {
        List<String> wrong = new ArrayList<>();
        Map<Set<Permission>, UiClient> members = new HashMap<>();
        for (Route route : uiRoutes()) {
            for (Permission required : route.permissions()) {
                int refused = route.send(members.computeIfAbsent(everythingBut(required), this::signedIn));
                if (refused != 403) {
                    wrong.add(route + " without " + required + ": " + refused);
                }
            }
            if (!route.permissions().isEmpty()) {
                int allowed = route.send(members.computeIfAbsent(route.permissions(), this::signedIn));
                if (allowed == 403 || allowed >= 500) {
                    wrong.add(route + " with " + route.permissions() + ": " + allowed);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void systemPagesRefuseRealmAdministratorsAndAdmitSystemAdministrators(UiClient systemAdmin) {
        UiClient realmAdmin = signedIn(Permission.REALM_ADMIN);
        systemAdmin.signIn(TestUsers.systemAdmin(users).email(), TestUsers.PASSWORD);
        List<String> wrong = new ArrayList<>();
        for (Route route : uiRoutes()) {
            if (!route.systemAdminOnly()) {
                continue;
            }
            int refused = route.send(realmAdmin);
            if (refused != 403) {
                wrong.add(route + " as realm admin: " + refused);
            }
            int allowed = route.send(systemAdmin);
            if (allowed == 403 || allowed >= 500) {
                wrong.add(route + " as system admin: " + allowed);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void anotherRealmsObjectsAreNotFoundAndStayAsTheyWere(TestRealm other, ApiClient api) {
        long otherKey = apiKeys.create(other.id(), ApiKeyType.ADMIN, "Theirs", Actor.cli())
                .summary()
                .id();
        User otherMember = TestUsers.member(users, memberships, other.id(), Permission.CASE_WORKER);
        certificateKeys.createRealmKey(other.id(), Actor.cli());
        long otherCertificateKey =
                certificateKeys.realmKeyVersions(other.id()).getFirst().id();
        long otherApp = mobileApps
                .add(
                        other.id(),
                        new NewMobileApp("Their app", "ios", "ABCDE12345.gov.example.theirs", "", List.of(), false),
                        Actor.cli())
                .id();
        var issued = api.post("/api/issue", other.adminKey(), Map.of("testType", "confirmed"))
                .json();
        String otherCode = issued.path("uuid").asString();

        UiClient admin = signedIn(Permission.REALM_ADMIN);
        admin.get("/realm/settings");
        Map<String, Integer> answers = new LinkedHashMap<>();
        answers.put("GET user", admin.get("/realm/users/" + otherMember.id()).status());
        answers.put(
                "POST user",
                admin.postConfirmed("/realm/users/" + otherMember.id(), Map.of("permission", "UserWrite"))
                        .status());
        answers.put(
                "POST user remove",
                admin.postConfirmed("/realm/users/" + otherMember.id() + "/remove", Map.of())
                        .status());
        answers.put(
                "POST apikey disable",
                admin.postConfirmed("/realm/apikeys/" + otherKey + "/disable", Map.of())
                        .status());
        answers.put(
                "POST key activate",
                admin.postConfirmed("/realm/keys/" + otherCertificateKey + "/activate", Map.of())
                        .status());
        answers.put(
                "POST key destroy",
                admin.postConfirmed("/realm/keys/" + otherCertificateKey + "/destroy", Map.of())
                        .status());
        answers.put(
                "POST app disable",
                admin.postConfirmed("/realm/mobile-apps/" + otherApp + "/disable", Map.of())
                        .status());
        answers.put(
                "POST code expire",
                admin.postConfirmed("/codes/" + otherCode + "/expire", Map.of()).status());
        assertThat(answers)
                .allSatisfy((what, status) -> assertThat(status).as(what).isEqualTo(404));

        assertThat(admin.get("/codes/status?uuid=" + otherCode).body()).doesNotContain("Their");
        assertThat(memberships.find(other.id(), otherMember.id())).isPresent();
        assertThat(apiKeys.find(other.id(), otherKey).orElseThrow().enabled()).isTrue();
        assertThat(certificateKeys.realmKeyVersions(other.id())).hasSize(1);
        assertThat(mobileApps.list(other.id()).getFirst().enabled()).isTrue();
        assertThat(api.post("/api/checkcodestatus", other.adminKey(), Map.of("uuid", otherCode))
                        .json()
                        .path("expiresAtTimestamp")
                        .asLong())
                .isEqualTo(issued.path("expiresAtTimestamp").asLong());
    }

    private UiClient signedIn(Set<Permission> permissions) {
        UiClient client = new UiClient(port);
        client.signIn(
                TestUsers.member(users, memberships, realm.id(), permissions).email(), TestUsers.PASSWORD);
        client.get("/account");
        return client;
    }

    /** Every permission except those that would grant {@code required} by implication. */
    private static Set<Permission> everythingBut(Permission required) {
        Set<Permission> others = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (!Permission.withImplied(Set.of(permission)).contains(required)) {
                others.add(permission);
            }
        }
        return others;
    }

    private List<Route> uiRoutes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
                mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = mapping.getValue();
            if (!handler.getBeanType().isAnnotationPresent(UiController.class)) {
                continue;
            }
            RequirePermission permission = annotation(handler, RequirePermission.class);
            boolean systemAdminOnly = annotation(handler, SystemAdminOnly.class) != null;
            Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
            for (String path : mapping.getKey().getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    routes.add(new Route(
                            method, path, permission == null ? Set.of() : Set.of(permission.value()), systemAdminOnly));
                }
            }
        }
        return routes;
    }

    private static <A extends Annotation> A annotation(HandlerMethod handler, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), type);
    }

    record Route(RequestMethod method, String path, Set<Permission> permissions, boolean systemAdminOnly) {

        /**
         * Sends the route with a missing object's id in every path variable (or, for a variable that takes a
         * few names such as {@code {format:json|csv}}, the first of them); returns the status.
         */
        int send(UiClient client) {
            String concrete = concrete(path);
            return method == RequestMethod.GET
                    ? client.get(concrete).status()
                    : client.post(concrete, Map.of()).status();
        }

        private static String concrete(String pattern) {
            StringBuilder concrete = new StringBuilder();
            int at = 0;
            while (at < pattern.length()) {
                if (pattern.charAt(at) != '{') {
                    concrete.append(pattern.charAt(at++));
                    continue;
                }
                int depth = 0;
                int end = at;
                do {
                    depth += pattern.charAt(end) == '{' ? 1 : pattern.charAt(end) == '}' ? -1 : 0;
                    end++;
                } while (depth > 0);
                String variable = pattern.substring(at + 1, end - 1);
                int colon = variable.indexOf(':');
                String regex = colon < 0 ? null : variable.substring(colon + 1);
                if (regex == null || MISSING_ID.matches(regex)) {
                    concrete.append(MISSING_ID);
                } else if (regex.matches("[a-z-]+(\\|[a-z-]+)*")) {
                    concrete.append(regex.split("\\|")[0]);
                } else {
                    throw new AssertionError("extend this test to fill the path variable {" + variable + "}");
                }
                at = end;
            }
            return concrete.toString();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
