package org.enverify.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.enverify.platform.AcrossRealms;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MembershipRepository {

    private static final String MEMBERS = "SELECT m.realm_id, m.user_id, m.permissions, m.created_at AS joined_at,"
            + " u.id, u.email, u.name, u.system_admin, u.password_hash IS NOT NULL AS has_password,"
            + " u.must_change_password, u.password_changed_at, u.email_verified_at, u.sessions_revoked_at, u.created_at,"
            + " u.language"
            + " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.realm_id = ?";

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Membership> find(RealmId realm, long userId) {
        return jdbc.sql("SELECT realm_id, user_id, permissions, created_at FROM memberships"
                        + " WHERE realm_id = ? AND user_id = ?")
                .params(realm.value(), userId)
                .query(MembershipRepository::map)
                .optional();
    }

    Optional<Membership> findForUpdate(RealmId realm, long userId) {
        return jdbc.sql("SELECT realm_id, user_id, permissions, created_at FROM memberships"
                        + " WHERE realm_id = ? AND user_id = ? FOR UPDATE")
                .params(realm.value(), userId)
                .query(MembershipRepository::map)
                .optional();
    }

    @AcrossRealms("a person's memberships in every realm, for the realm picker and their account")
    List<Membership> ofUser(long userId) {
        return jdbc.sql("SELECT realm_id, user_id, permissions, created_at FROM memberships WHERE user_id = ?"
                        + " ORDER BY realm_id")
                .param(userId)
                .query(MembershipRepository::map)
                .list();
    }

    /** Inserts the membership, or replaces its permissions and keeps its start. */
    void upsert(RealmId realm, long userId, long permissions, Instant now) {
        jdbc.sql("INSERT INTO memberships (realm_id, user_id, permissions, created_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (realm_id, user_id) DO UPDATE SET permissions = excluded.permissions")
                .params(realm.value(), userId, permissions, Timestamp.from(now))
                .update();
    }

    boolean delete(RealmId realm, long userId) {
        return jdbc.sql("DELETE FROM memberships WHERE realm_id = ? AND user_id = ?")
                        .params(realm.value(), userId)
                        .update()
                == 1;
    }

    List<RealmMember> members(RealmId realm, String text, int limit, int offset) {
        return jdbc.sql(MEMBERS
                        + " AND (? = '' OR strpos(lower(u.email), lower(?)) > 0 OR strpos(lower(u.name), lower(?)) > 0)"
                        + " ORDER BY lower(u.email) LIMIT ? OFFSET ?")
                .params(realm.value(), text, text, text, limit, offset)
                .query(MembershipRepository::mapMember)
                .list();
    }

    /**
     * A page of the members a search finds: by {@code joined_at}, {@code name} or {@code email}, ties broken by
     * the user id in the same direction.
     */
    Listing<RealmMember> list(RealmId realm, MemberSearch search, ListQuery query) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        params.add(realm.value());
        UserSearchSql.appendTextTerms(search, where, params);
        // memberships store what their permissions imply, so holding one means holding all of its mask's bits
        if (!search.can().isEmpty()) {
            long mask = Permission.toMask(search.can());
            where.append(" AND m.permissions & ? = ?");
            params.add(mask);
            params.add(mask);
        }
        for (Permission lacking : search.cannot()) {
            long mask = Permission.toMask(Set.of(lacking));
            where.append(" AND m.permissions & ? <> ?");
            params.add(mask);
            params.add(mask);
        }
        String column = switch (query.sort()) {
            case "joined_at" -> "m.created_at";
            case "name" -> "lower(u.name)";
            case "email" -> "lower(u.email)";
            default -> throw new IllegalArgumentException("Members are not sorted by " + query.sort());
        };
        String direction = query.descending() ? " DESC" : " ASC";
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.limit());
        pageParams.add(query.offset());
        List<RealmMember> page = jdbc.sql(MEMBERS + where + " ORDER BY " + column + direction + ", u.id" + direction
                        + " LIMIT ? OFFSET ?")
                .params(pageParams)
                .query(MembershipRepository::mapMember)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.realm_id = ?"
                        + where)
                .params(params)
                .query(Long.class)
                .single();
        return new Listing<>(page, total);
    }

    /** The members who hold a permission, locked until the transaction ends. */
    List<Long> holdersForUpdate(RealmId realm, Permission permission) {
        long mask = Permission.toMask(Set.of(permission));
        return jdbc.sql("SELECT user_id FROM memberships WHERE realm_id = ? AND permissions & ? = ? ORDER BY user_id"
                        + " FOR UPDATE")
                .params(realm.value(), mask, mask)
                .query(Long.class)
                .list();
    }

    Optional<RealmMember> member(RealmId realm, long userId) {
        return jdbc.sql(MEMBERS + " AND m.user_id = ?")
                .params(realm.value(), userId)
                .query(MembershipRepository::mapMember)
                .optional();
    }

    private static RealmMember mapMember(ResultSet row, int rowNumber) throws SQLException {
        return new RealmMember(
                new User(
                        row.getLong("id"),
                        row.getString("email"),
                        row.getString("name"),
                        row.getBoolean("system_admin"),
                        row.getBoolean("has_password"),
                        row.getBoolean("must_change_password"),
                        instant(row, "password_changed_at"),
                        instant(row, "email_verified_at"),
                        instant(row, "sessions_revoked_at"),
                        instant(row, "created_at"),
                        row.getString("language")),
                new Membership(
                        new RealmId(row.getLong("realm_id")),
                        row.getLong("user_id"),
                        Permission.fromMask(row.getLong("permissions")),
                        instant(row, "joined_at")));
    }

    private static Membership map(ResultSet row, int rowNumber) throws SQLException {
        return new Membership(
                new RealmId(row.getLong("realm_id")),
                row.getLong("user_id"),
                Permission.fromMask(row.getLong("permissions")),
                instant(row, "created_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
