package org.enverify.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.enverify.account.GeneratedPassword;
import org.enverify.account.Memberships;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, once, a realm named {@code Demo} with one key of each type, and tells them with a curl
 * walkthrough of issue, verify and certificate. Keys are shown only when they are created. The realm
 * is marked as the demo realm, so a rename does not make the next start create it again.
 */
@Component
class DemoRealm {

    static final String NAME = "Demo";

    private final Realms realms;
    private final DemoRealmMarker marker;
    private final ApiKeys apiKeys;
    private final Users users;
    private final Memberships memberships;
    private final Clock clock;
    private final int port;

    DemoRealm(
            Realms realms,
            DemoRealmMarker marker,
            ApiKeys apiKeys,
            Users users,
            Memberships memberships,
            Clock clock,
            @Value("${server.port:8080}") int port) {
        this.realms = realms;
        this.marker = marker;
        this.apiKeys = apiKeys;
        this.users = users;
        this.memberships = memberships;
        this.clock = clock;
        this.port = port;
    }

    /** What to tell the person: the keys, accounts and walkthrough once, later only that the realm exists. */
    @Transactional
    String createOnce() {
        Optional<Realm> existing = marker.find().flatMap(realms::find);
        if (existing.isPresent()) {
            return "The demo realm exists already (id " + existing.get().id()
                    + "); its keys were shown when it was created. Create more with: java -jar enverify.jar apikey create --realm "
                    + existing.get().id() + " --type admin --name another-key";
        }
        // Argon2id hashing is most of a first demo run in a fresh process: the two passwords are made beside the
        // realm's database work instead of after it.
        ExecutorService hashing = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<GeneratedPassword> workerPassword =
                CompletableFuture.supplyAsync(users::generatePassword, hashing);
        CompletableFuture<GeneratedPassword> adminPassword =
                CompletableFuture.supplyAsync(users::generatePassword, hashing);
        hashing.shutdown();
        Realm realm = realms.create(NAME, Map.of("region_code", "DEMO", "allow_bulk_upload", "true"), Actor.cli());
        marker.mark(realm.id());
        String admin = apiKeys.create(realm.id(), ApiKeyType.ADMIN, "demo-admin", Actor.cli())
                .key();
        String device = apiKeys.create(realm.id(), ApiKeyType.DEVICE, "demo-device", Actor.cli())
                .key();
        String stats = apiKeys.create(realm.id(), ApiKeyType.STATS, "demo-stats", Actor.cli())
                .key();
        return walkthrough(realm, admin, device, stats) + "\n"
                + demoUser(
                        realm,
                        "demo-worker@localhost",
                        "Demo case worker",
                        Permission.CASE_WORKER,
                        workerPassword.join())
                + "\n"
                + demoUser(
                        realm,
                        "demo-admin@localhost",
                        "Demo realm admin",
                        Permission.REALM_ADMIN,
                        adminPassword.join());
    }

    /** A demo account with a generated password, printed once and to be changed at the first sign-in. */
    private String demoUser(
            Realm realm, String email, String name, Set<Permission> permissions, GeneratedPassword password) {
        User user = users.findByEmail(email).orElseGet(() -> users.create(email, name, false));
        users.setGeneratedPassword(user.id(), password);
        users.markEmailVerified(user.id());
        memberships.setPermissions(Memberships.Granter.systemAdmin(Actor.cli()), realm.id(), user.id(), permissions);
        return "  Web UI (http://localhost:" + port + "): " + email + " / " + password.text() + " (" + name
                + "; change it at the first sign-in)";
    }

    private String walkthrough(Realm realm, String admin, String device, String stats) {
        String base = "http://localhost:" + port;
        String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        return """

                Demo realm %1$s created (id %2$s). These keys are shown once; keep them:
                  ADMIN  key: %3$s
                  DEVICE key: %4$s
                  STATS  key: %5$s

                Walkthrough (needs curl and jq):
                  ADMIN_KEY='%3$s'
                  DEVICE_KEY='%4$s'
                  CODE=$(curl -s %6$s/api/issue -H "X-API-Key: $ADMIN_KEY" -H 'Content-Type: application/json' -d '{"testType":"confirmed","symptomDate":"%7$s"}' | jq -r .code)
                  TOKEN=$(curl -s %6$s/api/verify -H "X-API-Key: $DEVICE_KEY" -H 'Content-Type: application/json' -d "{\\"code\\":\\"$CODE\\"}" | jq -r .token)
                  curl -s %6$s/api/certificate -H "X-API-Key: $DEVICE_KEY" -H 'Content-Type: application/json' -d "{\\"token\\":\\"$TOKEN\\",\\"ekeyhmac\\":\\"2u1nHt5WWurJytFLF3xitNzM99oNrad2y4YGOL53AeY=\\"}" | jq -r .certificate
                  curl -s %6$s/jwks/system
                """.formatted(realm.name(), realm.id(), admin, device, stats, base, today);
    }
}
