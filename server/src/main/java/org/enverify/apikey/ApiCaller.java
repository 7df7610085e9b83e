package org.enverify.apikey;

import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;

/**
 * An authenticated API key and the realm every operation of the request works in, loaded once when
 * the key was authenticated.
 *
 * @param loadedRealm the key's realm as the realm cache held it at authentication
 */
public record ApiCaller(Realm loadedRealm, long keyId, ApiKeyType type) {

    public RealmId realm() {
        return loadedRealm.id();
    }
}
