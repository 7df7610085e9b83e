package org.enverify.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.realm.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private static final String COLUMNS = """
            id, email, name, system_admin, password_hash IS NOT NULL AS has_password, must_change_password,
            password_changed_at, email_verified_at, sessions_revoked_at, created_at, language""";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String email, String name, boolean systemAdmin, Instant now) {
        return jdbc.sql("INSERT INTO users (email, name, system_admin, created_at) VALUES (?, ?, ?, ?) RETURNING id")
                .params(email, name, systemAdmin, Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    Optional<User> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?")
                .param(id)
                .query(UserRepository::map)
                .optional();
    }

    Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)")
                .param(email)
                .query(UserRepository::map)
                .optional();
    }

    Optional<String> passwordHash(long id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    boolean anySystemAdmin() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE system_admin)")
                .query(Boolean.class)
                .single();
    }

    List<User> search(String text, boolean systemAdminsOnly, int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE (? = '' OR strpos(lower(email), lower(?)) > 0"
                        + " OR strpos(lower(name), lower(?)) > 0) AND (NOT ? OR system_admin)"
                        + " ORDER BY lower(email) LIMIT ? OFFSET ?")
                .params(text, text, text, systemAdminsOnly, limit, offset)
                .query(UserRepository::map)
                .list();
    }

    /**
     * A page of the accounts a search finds, by {@code created_at}, {@code name} or {@code email}, ties broken by
     * the id in the same direction. {@code can:} holds in at least one realm, {@code cannot:} in none.
     *
     * @param systemAdmin only system administrators (true), only everyone else (false), or everyone (null)
     */
    Listing<User> list(MemberSearch search, Boolean systemAdmin, ListQuery query) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        UserSearchSql.appendTextTerms(search, where, params);
        // memberships store what their permissions imply, so holding one means holding all of its mask's bits
        if (!search.can().isEmpty()) {
            long mask = Permission.toMask(search.can());
            where.append(" AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.permissions & ? = ?)");
            params.add(mask);
            params.add(mask);
        }
        for (Permission lacking : search.cannot()) {
            long mask = Permission.toMask(Set.of(lacking));
            where.append(
                    " AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.permissions & ? = ?)");
            params.add(mask);
            params.add(mask);
        }
        if (systemAdmin != null) {
            where.append(" AND u.system_admin = ?");
            params.add(systemAdmin);
        }
        String column = switch (query.sort()) {
            case "created_at" -> "u.created_at";
            case "name" -> "lower(u.name)";
            case "email" -> "lower(u.email)";
            default -> throw new IllegalArgumentException("Accounts are not sorted by " + query.sort());
        };
        String direction = query.descending() ? " DESC" : " ASC";
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.limit());
        pageParams.add(query.offset());
        List<User> page = jdbc.sql("SELECT " + COLUMNS + " FROM users u" + where + " ORDER BY " + column + direction
                        + ", u.id" + direction + " LIMIT ? OFFSET ?")
                .params(pageParams)
                .query(UserRepository::map)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM users u" + where)
                .params(params)
                .query(Long.class)
                .single();
        return new Listing<>(page, total);
    }

    /** The system administrators' ids, locked until the transaction ends. */
    List<Long> systemAdminsForUpdate() {
        return jdbc.sql("SELECT id FROM users WHERE system_admin ORDER BY id FOR UPDATE")
                .query(Long.class)
                .list();
    }

    void setPassword(long id, String hash, boolean mustChange, Instant now) {
        jdbc.sql("UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE id = ?")
                .params(hash, mustChange, Timestamp.from(now), id)
                .update();
    }

    void setName(long id, String name) {
        jdbc.sql("UPDATE users SET name = ? WHERE id = ?").params(name, id).update();
    }

    void setSystemAdmin(long id, boolean systemAdmin) {
        jdbc.sql("UPDATE users SET system_admin = ? WHERE id = ?")
                .params(systemAdmin, id)
                .update();
    }

    void setLanguage(long id, String language) {
        jdbc.sql("UPDATE users SET language = ? WHERE id = ?")
                .params(language, id)
                .update();
    }

    void markEmailVerified(long id, Instant now) {
        jdbc.sql("UPDATE users SET email_verified_at = coalesce(email_verified_at, ?) WHERE id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    void revokeSessions(long id, Instant now) {
        jdbc.sql("UPDATE users SET sessions_revoked_at = ? WHERE id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    boolean delete(long id) {
        return jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update() == 1;
    }

    private static User map(ResultSet row, int rowNumber) throws SQLException {
        return new User(
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
                row.getString("language"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
