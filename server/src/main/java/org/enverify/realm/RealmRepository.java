package org.enverify.realm;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.net.AddressRanges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class RealmRepository {

    private static final String COLUMNS = """
            id, name, region_code, slug, disabled, maintenance_mode, allowed_cidrs_admin_api, allowed_cidrs_device_api,
            allowed_cidrs_ui, settings, created_at, updated_at""";

    private static final TypeReference<Map<String, Map<String, String>>> STORED = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final RealmSettingsCatalog catalog;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    RealmRepository(JdbcClient jdbc, RealmSettingsCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    RealmId insert(String name, String regionCode, Instant now) {
        long id = jdbc.sql(
                        "INSERT INTO realms (name, region_code, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id")
                .params(name, regionCode, Timestamp.from(now), Timestamp.from(now))
                .query(Long.class)
                .single();
        return new RealmId(id);
    }

    Optional<Realm> find(RealmId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM realms WHERE id = ?")
                .param(id.value())
                .query(this::map)
                .optional();
    }

    Optional<Realm> findForUpdate(RealmId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM realms WHERE id = ? FOR UPDATE")
                .param(id.value())
                .query(this::map)
                .optional();
    }

    List<Realm> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM realms ORDER BY id")
                .query(this::map)
                .list();
    }

    /** A page of the realms: by {@code created_at} or {@code name}, ties broken by the id in the same direction. */
    Listing<Realm> list(ListQuery query) {
        String column = switch (query.sort()) {
            case "created_at" -> "created_at";
            case "name" -> "lower(name)";
            default -> throw new IllegalArgumentException("Realms are not sorted by " + query.sort());
        };
        String direction = query.descending() ? " DESC" : " ASC";
        List<Realm> page = jdbc.sql("SELECT " + COLUMNS + " FROM realms ORDER BY " + column + direction + ", id"
                        + direction + " LIMIT ? OFFSET ?")
                .params(query.limit(), query.offset())
                .query(this::map)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM realms").query(Long.class).single();
        return new Listing<>(page, total);
    }

    boolean nameTaken(String name, RealmId except) {
        return jdbc.sql("SELECT count(*) FROM realms WHERE lower(name) = lower(?) AND id <> ?")
                        .params(name, except == null ? 0L : except.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    boolean slugTaken(String slug, RealmId except) {
        return jdbc.sql("SELECT count(*) FROM realms WHERE slug = ? AND id <> ?")
                        .params(slug, except == null ? 0L : except.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<RealmId> findBySlug(String slug) {
        return jdbc.sql("SELECT id FROM realms WHERE slug = ?")
                .param(slug)
                .query((rs, row) -> new RealmId(rs.getLong(1)))
                .optional();
    }

    Optional<RealmId> findByRegion(String regionCode) {
        return jdbc.sql("SELECT id FROM realms WHERE region_code = ?")
                .param(regionCode)
                .query((rs, row) -> new RealmId(rs.getLong(1)))
                .optional();
    }

    boolean regionTaken(String regionCode, RealmId except) {
        return jdbc.sql("SELECT count(*) FROM realms WHERE region_code = ? AND id <> ?")
                        .params(regionCode, except == null ? 0L : except.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    void update(Realm realm) {
        jdbc.sql("""
                UPDATE realms SET name = ?, region_code = ?, slug = ?, disabled = ?, maintenance_mode = ?,
                    allowed_cidrs_admin_api = ?, allowed_cidrs_device_api = ?, allowed_cidrs_ui = ?,
                    settings = ?::jsonb, updated_at = ?
                WHERE id = ?""")
                .params(
                        realm.name(),
                        realm.regionCode(),
                        realm.slug(),
                        realm.disabled(),
                        realm.maintenanceMode(),
                        realm.adminApiNetworks().texts().toArray(String[]::new),
                        realm.deviceApiNetworks().texts().toArray(String[]::new),
                        realm.uiNetworks().texts().toArray(String[]::new),
                        JSON.writeValueAsString(catalog.stored(realm.settings())),
                        Timestamp.from(realm.updatedAt()),
                        realm.id().value())
                .update();
    }

    Optional<ClaimRatio> claimRatio(RealmId id) {
        return jdbc.sql("""
                SELECT last_codes_claimed_ratio, codes_claimed_ratio_mean, codes_claimed_ratio_stddev,
                    codes_claimed_ratio_anomaly, codes_claimed_ratio_modeled_at
                FROM realms WHERE id = ? AND codes_claimed_ratio_modeled_at IS NOT NULL""")
                .param(id.value())
                .query((rs, row) -> new ClaimRatio(
                        rs.getDouble(1),
                        rs.getDouble(2),
                        rs.getDouble(3),
                        rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant()))
                .optional();
    }

    boolean saveClaimRatio(RealmId id, ClaimRatio ratio) {
        return jdbc.sql("""
                        UPDATE realms SET last_codes_claimed_ratio = ?, codes_claimed_ratio_mean = ?,
                            codes_claimed_ratio_stddev = ?, codes_claimed_ratio_anomaly = ?, codes_claimed_ratio_modeled_at = ?
                        WHERE id = ?""")
                        .params(
                                ratio.last(),
                                ratio.mean(),
                                ratio.stddev(),
                                ratio.anomalous(),
                                Timestamp.from(ratio.modeledAt()),
                                id.value())
                        .update()
                > 0;
    }

    private Realm map(ResultSet rs, int row) throws SQLException {
        RealmId id = new RealmId(rs.getLong("id"));
        GeneralRealmSettings general = new GeneralRealmSettings(
                rs.getString("name"),
                rs.getString("region_code"),
                rs.getString("slug"),
                rs.getBoolean("disabled"),
                rs.getBoolean("maintenance_mode"),
                AddressRanges.of(strings(rs.getArray("allowed_cidrs_admin_api"))),
                AddressRanges.of(strings(rs.getArray("allowed_cidrs_device_api"))),
                AddressRanges.of(strings(rs.getArray("allowed_cidrs_ui"))));
        return new Realm(
                id,
                catalog.read(id, general, JSON.readValue(rs.getString("settings"), STORED)),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
