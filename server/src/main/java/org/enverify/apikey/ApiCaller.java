package org.enverify.apikey;

import org.enverify.realm.RealmId;

/** An authenticated API key: the realm every operation of the request works in. */
public record ApiCaller(RealmId realm, long keyId, ApiKeyType type) {}
