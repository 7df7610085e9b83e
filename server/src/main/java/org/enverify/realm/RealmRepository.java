package org.enverify.realm;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.enverify.platform.net.AddressRanges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RealmRepository {

    private static final String COLUMNS = """
            id, name, region_code, disabled, maintenance_mode, code_length, code_duration_seconds,
            long_code_length, long_code_duration_seconds, short_code_max_minutes, allowed_test_types,
            require_date, allowed_past_days, allow_bulk_upload, allow_generated_sms, allow_admin_user_report,
            sms_country, sms_text_template, use_realm_certificate_key, certificate_issuer, certificate_audience,
            certificate_duration_seconds, slug, allowed_cidrs_admin_api, allowed_cidrs_device_api, allowed_cidrs_ui,
            abuse_prevention_enabled, abuse_prevention_limit, abuse_prevention_limit_factor,
            auto_rotate_certificate_key, allow_user_report_web_view, use_authenticated_sms, sms_fail_closed,
            can_use_system_sms_config,
            mfa_mode, mfa_required_grace_period_seconds, contact_email_addresses,
            email_invite_template, email_verify_template, email_password_reset_template, email_verification,
            password_rotation_days, password_rotation_warning_days, created_at, updated_at""";

    private final JdbcClient jdbc;

    RealmRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                .query(RealmRepository::map)
                .optional();
    }

    Optional<Realm> findForUpdate(RealmId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM realms WHERE id = ? FOR UPDATE")
                .param(id.value())
                .query(RealmRepository::map)
                .optional();
    }

    List<Realm> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM realms ORDER BY id")
                .query(RealmRepository::map)
                .list();
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
                UPDATE realms SET name = ?, region_code = ?, disabled = ?, maintenance_mode = ?, code_length = ?,
                    code_duration_seconds = ?, long_code_length = ?, long_code_duration_seconds = ?,
                    short_code_max_minutes = ?, allowed_test_types = ?, require_date = ?, allowed_past_days = ?,
                    allow_bulk_upload = ?, allow_generated_sms = ?, allow_admin_user_report = ?, sms_country = ?,
                    sms_text_template = ?, use_realm_certificate_key = ?, certificate_issuer = ?,
                    certificate_audience = ?, certificate_duration_seconds = ?, slug = ?,
                    allowed_cidrs_admin_api = ?, allowed_cidrs_device_api = ?, allowed_cidrs_ui = ?,
                    abuse_prevention_enabled = ?, abuse_prevention_limit = ?, abuse_prevention_limit_factor = ?,
                    auto_rotate_certificate_key = ?, allow_user_report_web_view = ?, use_authenticated_sms = ?,
                    sms_fail_closed = ?, can_use_system_sms_config = ?, mfa_mode = ?, mfa_required_grace_period_seconds = ?,
                    contact_email_addresses = ?,
                    email_invite_template = ?, email_verify_template = ?, email_password_reset_template = ?,
                    email_verification = ?, password_rotation_days = ?, password_rotation_warning_days = ?,
                    updated_at = ?
                WHERE id = ?""")
                .params(
                        realm.name(),
                        realm.regionCode(),
                        realm.disabled(),
                        realm.maintenanceMode(),
                        realm.codeLength(),
                        realm.codeDuration().toSeconds(),
                        realm.longCodeLength(),
                        realm.longCodeDuration().toSeconds(),
                        realm.shortCodeMaxMinutes(),
                        TestType.toMask(realm.allowedTestTypes()),
                        realm.requireDate(),
                        realm.allowedPastDays(),
                        realm.allowBulkUpload(),
                        realm.allowGeneratedSms(),
                        realm.allowAdminUserReport(),
                        realm.smsCountry(),
                        realm.smsTextTemplate(),
                        realm.useRealmCertificateKey(),
                        realm.certificateIssuer(),
                        realm.certificateAudience(),
                        realm.certificateDuration().toSeconds(),
                        realm.slug(),
                        realm.allowedCidrsAdminApi().toArray(String[]::new),
                        realm.allowedCidrsDeviceApi().toArray(String[]::new),
                        realm.allowedCidrsUi().toArray(String[]::new),
                        realm.abusePreventionEnabled(),
                        realm.abusePreventionLimit(),
                        realm.abusePreventionLimitFactor(),
                        realm.autoRotateCertificateKey(),
                        realm.allowUserReportWebView(),
                        realm.useAuthenticatedSms(),
                        realm.smsFailClosed(),
                        realm.canUseSystemSmsConfig(),
                        realm.mfaMode().settingValue(),
                        realm.mfaRequiredGracePeriod().toSeconds(),
                        realm.contactEmailAddresses().toArray(String[]::new),
                        realm.emailInviteTemplate(),
                        realm.emailVerifyTemplate(),
                        realm.emailPasswordResetTemplate(),
                        realm.emailVerification().settingValue(),
                        realm.passwordRotationDays(),
                        realm.passwordRotationWarningDays(),
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

    private static Realm map(ResultSet rs, int row) throws SQLException {
        return new Realm(
                new RealmId(rs.getLong("id")),
                rs.getString("name"),
                rs.getString("region_code"),
                rs.getBoolean("disabled"),
                rs.getBoolean("maintenance_mode"),
                rs.getInt("code_length"),
                Duration.ofSeconds(rs.getInt("code_duration_seconds")),
                rs.getInt("long_code_length"),
                Duration.ofSeconds(rs.getInt("long_code_duration_seconds")),
                rs.getInt("short_code_max_minutes"),
                TestType.fromMask(rs.getInt("allowed_test_types")),
                rs.getBoolean("require_date"),
                rs.getInt("allowed_past_days"),
                rs.getBoolean("allow_bulk_upload"),
                rs.getBoolean("allow_generated_sms"),
                rs.getBoolean("allow_admin_user_report"),
                rs.getString("sms_country"),
                rs.getString("sms_text_template"),
                rs.getBoolean("use_realm_certificate_key"),
                rs.getString("certificate_issuer"),
                rs.getString("certificate_audience"),
                Duration.ofSeconds(rs.getInt("certificate_duration_seconds")),
                rs.getString("slug"),
                AddressRanges.of(strings(rs.getArray("allowed_cidrs_admin_api"))),
                AddressRanges.of(strings(rs.getArray("allowed_cidrs_device_api"))),
                AddressRanges.of(strings(rs.getArray("allowed_cidrs_ui"))),
                rs.getBoolean("abuse_prevention_enabled"),
                rs.getInt("abuse_prevention_limit"),
                rs.getDouble("abuse_prevention_limit_factor"),
                rs.getBoolean("auto_rotate_certificate_key"),
                rs.getBoolean("allow_user_report_web_view"),
                rs.getBoolean("use_authenticated_sms"),
                rs.getBoolean("sms_fail_closed"),
                rs.getBoolean("can_use_system_sms_config"),
                MfaMode.parse(rs.getString("mfa_mode")),
                Duration.ofSeconds(rs.getInt("mfa_required_grace_period_seconds")),
                strings(rs.getArray("contact_email_addresses")),
                rs.getString("email_invite_template"),
                rs.getString("email_verify_template"),
                rs.getString("email_password_reset_template"),
                EmailVerificationMode.parse(rs.getString("email_verification")),
                rs.getInt("password_rotation_days"),
                rs.getInt("password_rotation_warning_days"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
