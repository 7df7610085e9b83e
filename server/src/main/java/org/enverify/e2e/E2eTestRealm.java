package org.enverify.e2e;

import java.util.Optional;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.RealmId;
import org.enverify.stats.SelfTestRealm;
import org.springframework.stereotype.Component;

/** The realm the end-to-end self-test issues in, known when its admin key is one of this installation's keys. */
@Component
public class E2eTestRealm implements SelfTestRealm {

    private final ApiKeys apiKeys;
    private final E2eSettings settings;

    E2eTestRealm(ApiKeys apiKeys, E2eSettings settings) {
        this.apiKeys = apiKeys;
        this.settings = settings;
    }

    @Override
    public Optional<RealmId> find() {
        if (settings.adminKey().isBlank()) {
            return Optional.empty();
        }
        return apiKeys.authenticate(settings.adminKey(), ApiKeyType.ADMIN).map(ApiCaller::realm);
    }
}
