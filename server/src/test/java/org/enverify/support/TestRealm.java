package org.enverify.support;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.platform.Actor;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;

/** A fresh realm with one key of each type; every test makes its own, so tests never share state. */
public record TestRealm(RealmId id, String adminKey, String deviceKey, String statsKey) {

    /** A realm with these settings; it leaves members free of the second-factor prompt unless they set mfa_mode. */
    public static TestRealm create(Realms realms, ApiKeys apiKeys, Map<String, String> settings) {
        Map<String, String> withMfaMode = new HashMap<>(settings);
        withMfaMode.putIfAbsent("mfa_mode", "optional");
        Realm realm = realms.create("test-" + UUID.randomUUID(), withMfaMode, Actor.cli());
        return new TestRealm(
                realm.id(),
                apiKeys.create(realm.id(), ApiKeyType.ADMIN, "admin", Actor.cli())
                        .key(),
                apiKeys.create(realm.id(), ApiKeyType.DEVICE, "device", Actor.cli())
                        .key(),
                apiKeys.create(realm.id(), ApiKeyType.STATS, "stats", Actor.cli())
                        .key());
    }

    /** A realm that does not require dates, so tests can issue the smallest valid request. */
    public static TestRealm create(Realms realms, ApiKeys apiKeys) {
        return create(realms, apiKeys, Map.of("require_date", "false"));
    }
}
