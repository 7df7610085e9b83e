package org.enverify.management.api;

import org.enverify.realm.RealmId;

/**
 * A realm a GraphQL query reads, the source of the schema's {@code Realm} fields: its {@code realm(id:)} field
 * found it among the realms the caller's token may act in. Each field takes the caller with the permissions it
 * needs as a {@code @RequireScope RealmCaller} parameter.
 */
public record QueriedRealm(RealmId realm) {

    /** The realm's id as the schema shows it. */
    public String id() {
        return realm.toString();
    }
}
