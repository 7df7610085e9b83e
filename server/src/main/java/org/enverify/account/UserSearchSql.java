package org.enverify.account;

import java.util.List;

/**
 * The name, email and text terms of a {@link MemberSearch} as SQL conditions on the {@code users} row aliased
 * {@code u}, for the realm's members and the installation's accounts alike; each list says itself where the
 * {@code can:} and {@code cannot:} permissions are held.
 */
final class UserSearchSql {

    private UserSearchSql() {}

    /** Appends {@code AND …} for each term to {@code where}, and its values to {@code params}. */
    static void appendTextTerms(MemberSearch search, StringBuilder where, List<Object> params) {
        for (String name : search.names()) {
            where.append(" AND strpos(lower(u.name), lower(?)) > 0");
            params.add(name);
        }
        for (String email : search.emails()) {
            where.append(" AND strpos(lower(u.email), lower(?)) > 0");
            params.add(email);
        }
        for (String text : search.texts()) {
            where.append(" AND (strpos(lower(u.email), lower(?)) > 0 OR strpos(lower(u.name), lower(?)) > 0)");
            params.add(text);
            params.add(text);
        }
    }
}
