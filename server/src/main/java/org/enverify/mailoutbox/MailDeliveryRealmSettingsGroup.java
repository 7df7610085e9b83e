package org.enverify.mailoutbox;

import java.util.List;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettingsGroup;
import org.springframework.stereotype.Component;

@Component
class MailDeliveryRealmSettingsGroup implements RealmSettingsGroup<MailDeliveryRealmSettings> {

    static final RealmSettingDeclaration<MailDeliveryRealmSettings, Boolean> CAN_USE_SYSTEM_EMAIL_CONFIG =
            RealmSettingDeclaration.of(
                            "can_use_system_email_config",
                            RealmSettingType.bool(),
                            false,
                            MailDeliveryRealmSettings::canUseSystemEmailConfig)
                    .forSystemAdminsOnly();

    @Override
    public String name() {
        return "mailDelivery";
    }

    @Override
    public Class<MailDeliveryRealmSettings> type() {
        return MailDeliveryRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<MailDeliveryRealmSettings, ?>> settings() {
        return List.of(CAN_USE_SYSTEM_EMAIL_CONFIG);
    }

    @Override
    public MailDeliveryRealmSettings create(Values values) {
        return new MailDeliveryRealmSettings(values.get(CAN_USE_SYSTEM_EMAIL_CONFIG));
    }
}
