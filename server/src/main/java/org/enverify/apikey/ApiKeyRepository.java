package org.enverify.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.enverify.platform.AcrossRealms;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "realm_id, id, name, type, preview, created_at, disabled_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiKeySummary insert(RealmId realm, String name, ApiKeyType type, byte[] keyHmac, String preview, Instant now) {
        return jdbc.sql(
                        "INSERT INTO api_keys (realm_id, name, type, key_hmac, preview, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING "
                                + COLUMNS)
                .params(realm.value(), name, type.name(), keyHmac, preview, Timestamp.from(now))
                .query(ApiKeyRepository::map)
                .single();
    }

    /** @param except a key that may have the name; 0 for none */
    boolean nameTaken(RealmId realm, String name, long except) {
        return jdbc.sql("SELECT count(*) FROM api_keys WHERE realm_id = ? AND lower(name) = lower(?) AND id <> ?")
                        .params(realm.value(), name, except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<ApiKeySummary> findByHmac(RealmId realm, List<byte[]> candidates) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE realm_id = :realm AND key_hmac IN (:hmacs)")
                .param("realm", realm.value())
                .param("hmacs", candidates)
                .query(ApiKeyRepository::map)
                .optional();
    }

    List<ApiKeySummary> list(RealmId realm) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE realm_id = ? ORDER BY id")
                .param(realm.value())
                .query(ApiKeyRepository::map)
                .list();
    }

    Listing<ApiKeySummary> list(RealmId realm, ListQuery query) {
        String column = switch (query.sort()) {
            case "created_at" -> "created_at";
            case "name" -> "lower(name)";
            default -> throw new IllegalArgumentException("API keys are not sorted by " + query.sort());
        };
        String direction = query.descending() ? " DESC" : " ASC";
        List<ApiKeySummary> page = jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE realm_id = ? ORDER BY " + column
                        + direction + ", id" + direction + " LIMIT ? OFFSET ?")
                .params(realm.value(), query.limit(), query.offset())
                .query(ApiKeyRepository::map)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM api_keys WHERE realm_id = ?")
                .param(realm.value())
                .query(Long.class)
                .single();
        return new Listing<>(page, total);
    }

    void rename(RealmId realm, long id, String name) {
        jdbc.sql("UPDATE api_keys SET name = ? WHERE realm_id = ? AND id = ?")
                .params(name, realm.value(), id)
                .update();
    }

    Optional<ApiKeySummary> find(RealmId realm, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE realm_id = ? AND id = ?")
                .params(realm.value(), id)
                .query(ApiKeyRepository::map)
                .optional();
    }

    /** By global id, for the operator's CLI, which names a key by id alone; the row tells the realm. */
    @AcrossRealms("the operator's CLI names a key by its global id; the row tells the realm")
    Optional<ApiKeySummary> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")
                .param(id)
                .query(ApiKeyRepository::map)
                .optional();
    }

    void setDisabledAt(RealmId realm, long id, Instant disabledAt) {
        jdbc.sql("UPDATE api_keys SET disabled_at = ? WHERE realm_id = ? AND id = ?")
                .params(disabledAt == null ? null : Timestamp.from(disabledAt), realm.value(), id)
                .update();
    }

    private static ApiKeySummary map(ResultSet rs, int row) throws SQLException {
        Timestamp disabled = rs.getTimestamp("disabled_at");
        return new ApiKeySummary(
                new RealmId(rs.getLong("realm_id")),
                rs.getLong("id"),
                rs.getString("name"),
                ApiKeyType.valueOf(rs.getString("type")),
                rs.getString("preview"),
                rs.getTimestamp("created_at").toInstant(),
                disabled == null ? null : disabled.toInstant());
    }
}
