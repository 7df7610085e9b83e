package org.enverify.redirect;

import java.util.List;
import org.enverify.realm.GeneralRealmSettings;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettings;
import org.enverify.realm.RealmSettingsGroup;
import org.springframework.stereotype.Component;

@Component
class ExpressRealmSettingsGroup implements RealmSettingsGroup<ExpressRealmSettings> {

    private static final String REGION_CODE = "region_code";

    static final RealmSettingDeclaration<ExpressRealmSettings, Boolean> ENABLE_EN_EXPRESS = RealmSettingDeclaration.of(
            "enable_en_express", RealmSettingType.bool(), false, ExpressRealmSettings::enableEnExpress);
    static final RealmSettingDeclaration<ExpressRealmSettings, Boolean> ENX_CODE_EXPIRATION_CONFIGURABLE =
            RealmSettingDeclaration.of(
                            "enx_code_expiration_configurable",
                            RealmSettingType.bool(),
                            false,
                            ExpressRealmSettings::enxCodeExpirationConfigurable)
                    .forSystemAdminsOnly();

    @Override
    public String name() {
        return "express";
    }

    @Override
    public Class<ExpressRealmSettings> type() {
        return ExpressRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<ExpressRealmSettings, ?>> settings() {
        return List.of(ENABLE_EN_EXPRESS, ENX_CODE_EXPIRATION_CONFIGURABLE);
    }

    @Override
    public ExpressRealmSettings create(Values values) {
        return new ExpressRealmSettings(values.get(ENABLE_EN_EXPRESS), values.get(ENX_CODE_EXPIRATION_CONFIGURABLE));
    }

    /** The link names the realm's app-link host by its region code. */
    @Override
    public void check(ExpressRealmSettings settings, RealmSettings all, Check check) {
        if (settings.enableEnExpress() && all.get(GeneralRealmSettings.class).regionCode() == null) {
            check.refuse(REGION_CODE, "setting.error.regionCodeNeededByEnExpress");
        }
    }
}
