package org.enverify.management.api;

import graphql.schema.DataFetchingEnvironment;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code realm(id:)}, the root of every GraphQL query: a realm the token may act in. Another realm's id, one
 * that does not exist, or one the request's host does not serve is not found, as on REST paths.
 */
@Controller
class RealmQueryController {

    private final Realms realms;

    RealmQueryController(Realms realms) {
        this.realms = realms;
    }

    @QueryMapping
    QueriedRealm realm(@Argument String id, DataFetchingEnvironment environment) {
        GraphQlCaller caller = environment.getGraphQlContext().get(GraphQlCaller.CONTEXT_KEY);
        if (!id.matches("[1-9][0-9]{0,17}")) {
            throw CallerResolver.notFound();
        }
        RealmId realm = new RealmId(Long.parseLong(id));
        if (!caller.host().admits(realm)
                || CallerResolver.in(realm, caller.bearer(), caller.actor(), realms)
                        .isEmpty()) {
            throw CallerResolver.notFound();
        }
        return new QueriedRealm(realm);
    }
}
