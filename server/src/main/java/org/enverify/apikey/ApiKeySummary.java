package org.enverify.apikey;

import java.time.Instant;
import org.enverify.realm.RealmId;

/** What may be shown of a key after its creation: never the key itself. */
public record ApiKeySummary(
        RealmId realm, long id, String name, ApiKeyType type, String preview, Instant createdAt, Instant disabledAt) {

    public boolean enabled() {
        return disabledAt == null;
    }
}
