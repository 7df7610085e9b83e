package org.enverify.mobileapp;

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
class MobileAppRepository {

    private static final String COLUMNS =
            "realm_id, id, name, os, app_id, url, sha256_fingerprints, disable_redirect, headless, synced, created_at,"
                    + " disabled_at";

    private final JdbcClient jdbc;

    MobileAppRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    MobileApp insert(RealmId realm, MobileAppRules.Checked app, Instant now) {
        return insert(realm, app, false, false, now);
    }

    MobileApp insert(RealmId realm, MobileAppRules.Checked app, boolean headless, boolean synced, Instant now) {
        return jdbc.sql("INSERT INTO mobile_apps (realm_id, name, os, app_id, url, sha256_fingerprints,"
                        + " disable_redirect, headless, synced, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " RETURNING " + COLUMNS)
                .params(
                        realm.value(),
                        app.name(),
                        app.os().name(),
                        app.appId(),
                        app.url(),
                        app.sha256Fingerprints().toArray(String[]::new),
                        app.disableRedirect(),
                        headless,
                        synced,
                        Timestamp.from(now))
                .query(MobileAppRepository::map)
                .single();
    }

    boolean nameTaken(RealmId realm, String name) {
        return nameTakenByAnother(realm, name, 0);
    }

    /** Whether an app of the realm other than {@code appId} has this name, whatever its case. */
    boolean nameTakenByAnother(RealmId realm, String name, long appId) {
        return jdbc.sql("SELECT count(*) FROM mobile_apps WHERE realm_id = ? AND lower(name) = lower(?) AND id <> ?")
                        .params(realm.value(), name, appId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<MobileApp> list(RealmId realm) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mobile_apps WHERE realm_id = ? ORDER BY id")
                .param(realm.value())
                .query(MobileAppRepository::map)
                .list();
    }

    Listing<MobileApp> list(RealmId realm, ListQuery query) {
        String column = switch (query.sort()) {
            case "created_at" -> "created_at";
            case "name" -> "lower(name)";
            default -> throw new IllegalArgumentException("Mobile apps are not sorted by " + query.sort());
        };
        String direction = query.descending() ? " DESC" : " ASC";
        List<MobileApp> page = jdbc.sql("SELECT " + COLUMNS + " FROM mobile_apps WHERE realm_id = ? ORDER BY " + column
                        + direction + ", id" + direction + " LIMIT ? OFFSET ?")
                .params(realm.value(), query.limit(), query.offset())
                .query(MobileAppRepository::map)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM mobile_apps WHERE realm_id = ?")
                .param(realm.value())
                .query(Long.class)
                .single();
        return new Listing<>(page, total);
    }

    List<MobileApp> listEnabled(RealmId realm) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM mobile_apps WHERE realm_id = ? AND disabled_at IS NULL ORDER BY id")
                .param(realm.value())
                .query(MobileAppRepository::map)
                .list();
    }

    /** By global id, for the operator's CLI, which names an app by id alone; the row tells the realm. */
    @AcrossRealms("the operator's CLI names an app by its global id; the row tells the realm")
    Optional<MobileApp> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mobile_apps WHERE id = ?")
                .param(id)
                .query(MobileAppRepository::map)
                .optional();
    }

    Optional<MobileApp> find(RealmId realm, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mobile_apps WHERE realm_id = ? AND id = ?")
                .params(realm.value(), id)
                .query(MobileAppRepository::map)
                .optional();
    }

    /** What a realm administrator may change of an app: everything it was added with. */
    MobileApp update(RealmId realm, long id, MobileAppRules.Checked app) {
        return jdbc.sql("UPDATE mobile_apps SET name = ?, os = ?, app_id = ?, url = ?, sha256_fingerprints = ?,"
                        + " disable_redirect = ? WHERE realm_id = ? AND id = ? RETURNING " + COLUMNS)
                .params(
                        app.name(),
                        app.os().name(),
                        app.appId(),
                        app.url(),
                        app.sha256Fingerprints().toArray(String[]::new),
                        app.disableRedirect(),
                        realm.value(),
                        id)
                .query(MobileAppRepository::map)
                .single();
    }

    /** What app sync keeps up to date on an app it added: the package, its store link and whether it is headless. */
    void updateSynced(RealmId realm, long id, String appId, String url, boolean headless) {
        jdbc.sql("UPDATE mobile_apps SET app_id = ?, url = ?, headless = ? WHERE realm_id = ? AND id = ? AND synced")
                .params(appId, url, headless, realm.value(), id)
                .update();
    }

    void disable(RealmId realm, long id, Instant now) {
        jdbc.sql("UPDATE mobile_apps SET disabled_at = COALESCE(disabled_at, ?) WHERE realm_id = ? AND id = ?")
                .params(Timestamp.from(now), realm.value(), id)
                .update();
    }

    private static MobileApp map(ResultSet rs, int row) throws SQLException {
        Timestamp disabled = rs.getTimestamp("disabled_at");
        return new MobileApp(
                new RealmId(rs.getLong("realm_id")),
                rs.getLong("id"),
                rs.getString("name"),
                MobileOs.valueOf(rs.getString("os")),
                rs.getString("app_id"),
                rs.getString("url"),
                List.of((String[]) rs.getArray("sha256_fingerprints").getArray()),
                rs.getBoolean("disable_redirect"),
                rs.getBoolean("headless"),
                rs.getBoolean("synced"),
                rs.getTimestamp("created_at").toInstant(),
                disabled == null ? null : disabled.toInstant());
    }
}
