package org.enverify.signing;

import java.time.Duration;
import java.util.List;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettings;
import org.enverify.realm.RealmSettingsGroup;
import org.springframework.stereotype.Component;

@Component
class SigningRealmSettingsGroup implements RealmSettingsGroup<SigningRealmSettings> {

    static final RealmSettingDeclaration<SigningRealmSettings, Boolean> USE_REALM_CERTIFICATE_KEY =
            RealmSettingDeclaration.of(
                    "use_realm_certificate_key",
                    RealmSettingType.bool(),
                    false,
                    SigningRealmSettings::useRealmCertificateKey);
    static final RealmSettingDeclaration<SigningRealmSettings, String> CERTIFICATE_ISSUER = RealmSettingDeclaration.of(
            "certificate_issuer", RealmSettingType.text(150), "", SigningRealmSettings::certificateIssuer);
    static final RealmSettingDeclaration<SigningRealmSettings, String> CERTIFICATE_AUDIENCE =
            RealmSettingDeclaration.of(
                    "certificate_audience", RealmSettingType.text(150), "", SigningRealmSettings::certificateAudience);
    static final RealmSettingDeclaration<SigningRealmSettings, Duration> CERTIFICATE_DURATION =
            RealmSettingDeclaration.of(
                    "certificate_duration",
                    RealmSettingType.duration(Duration.ofMinutes(1), Duration.ofHours(1)),
                    Duration.ofMinutes(15),
                    SigningRealmSettings::certificateDuration);
    static final RealmSettingDeclaration<SigningRealmSettings, Boolean> AUTO_ROTATE_CERTIFICATE_KEY =
            RealmSettingDeclaration.of(
                    "auto_rotate_certificate_key",
                    RealmSettingType.bool(),
                    false,
                    SigningRealmSettings::autoRotateCertificateKey);

    @Override
    public String name() {
        return "signing";
    }

    @Override
    public Class<SigningRealmSettings> type() {
        return SigningRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<SigningRealmSettings, ?>> settings() {
        return List.of(
                USE_REALM_CERTIFICATE_KEY,
                CERTIFICATE_ISSUER,
                CERTIFICATE_AUDIENCE,
                CERTIFICATE_DURATION,
                AUTO_ROTATE_CERTIFICATE_KEY);
    }

    @Override
    public SigningRealmSettings create(Values values) {
        return new SigningRealmSettings(
                values.get(USE_REALM_CERTIFICATE_KEY),
                values.get(CERTIFICATE_ISSUER),
                values.get(CERTIFICATE_AUDIENCE),
                values.get(CERTIFICATE_DURATION),
                values.get(AUTO_ROTATE_CERTIFICATE_KEY));
    }

    @Override
    public void check(SigningRealmSettings settings, RealmSettings all, Check check) {
        if (settings.useRealmCertificateKey()) {
            if (settings.certificateIssuer().isBlank()) {
                check.refuse(CERTIFICATE_ISSUER.name(), "setting.error.requiredForRealmKey");
            }
            if (settings.certificateAudience().isBlank()) {
                check.refuse(CERTIFICATE_AUDIENCE.name(), "setting.error.requiredForRealmKey");
            }
        }
    }
}
