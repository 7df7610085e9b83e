package org.enverify.management.api;

import org.enverify.platform.Actor;
import org.enverify.realm.RequestHost;

/**
 * The accepted token of a GraphQL request, kept in the query's context for its fields.
 *
 * @param actor the token's subject, acting through this request
 * @param host what the request's host selected: a realm's own host serves that realm only
 */
record GraphQlCaller(BearerCaller bearer, Actor actor, RequestHost host) {

    static final String CONTEXT_KEY = GraphQlCaller.class.getName();
}
