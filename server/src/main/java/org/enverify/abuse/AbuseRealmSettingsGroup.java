package org.enverify.abuse;

import java.util.List;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettingsGroup;
import org.springframework.stereotype.Component;

@Component
class AbuseRealmSettingsGroup implements RealmSettingsGroup<AbuseRealmSettings> {

    static final RealmSettingDeclaration<AbuseRealmSettings, Boolean> ABUSE_PREVENTION_ENABLED =
            RealmSettingDeclaration.of(
                    "abuse_prevention_enabled",
                    RealmSettingType.bool(),
                    false,
                    AbuseRealmSettings::abusePreventionEnabled);
    static final String LIMIT = "abuse_prevention_limit";
    static final RealmSettingDeclaration<AbuseRealmSettings, Integer> ABUSE_PREVENTION_LIMIT =
            RealmSettingDeclaration.of(
                            LIMIT, RealmSettingType.integer(1, 1_000_000), 10, AbuseRealmSettings::abusePreventionLimit)
                    .forSystemAdminsOnly();
    static final RealmSettingDeclaration<AbuseRealmSettings, Double> ABUSE_PREVENTION_LIMIT_FACTOR =
            RealmSettingDeclaration.of(
                    "abuse_prevention_limit_factor",
                    RealmSettingType.decimal(0.1, 100),
                    1.0,
                    AbuseRealmSettings::abusePreventionLimitFactor);

    @Override
    public String name() {
        return "abuse";
    }

    @Override
    public Class<AbuseRealmSettings> type() {
        return AbuseRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<AbuseRealmSettings, ?>> settings() {
        return List.of(ABUSE_PREVENTION_ENABLED, ABUSE_PREVENTION_LIMIT, ABUSE_PREVENTION_LIMIT_FACTOR);
    }

    @Override
    public AbuseRealmSettings create(Values values) {
        return new AbuseRealmSettings(
                values.get(ABUSE_PREVENTION_ENABLED),
                values.get(ABUSE_PREVENTION_LIMIT),
                values.get(ABUSE_PREVENTION_LIMIT_FACTOR));
    }
}
