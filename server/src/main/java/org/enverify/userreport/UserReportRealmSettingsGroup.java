package org.enverify.userreport;

import java.util.List;
import org.enverify.code.CodeRealmSettings;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettings;
import org.enverify.realm.RealmSettingsGroup;
import org.enverify.realm.TestType;
import org.springframework.stereotype.Component;

@Component
class UserReportRealmSettingsGroup implements RealmSettingsGroup<UserReportRealmSettings> {

    static final RealmSettingDeclaration<UserReportRealmSettings, Boolean> ALLOW_USER_REPORT_WEB_VIEW =
            RealmSettingDeclaration.of(
                    "allow_user_report_web_view",
                    RealmSettingType.bool(),
                    false,
                    UserReportRealmSettings::allowUserReportWebView);

    @Override
    public String name() {
        return "userReports";
    }

    @Override
    public Class<UserReportRealmSettings> type() {
        return UserReportRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<UserReportRealmSettings, ?>> settings() {
        return List.of(ALLOW_USER_REPORT_WEB_VIEW);
    }

    @Override
    public UserReportRealmSettings create(Values values) {
        return new UserReportRealmSettings(values.get(ALLOW_USER_REPORT_WEB_VIEW));
    }

    @Override
    public void check(UserReportRealmSettings settings, RealmSettings all, Check check) {
        if (settings.allowUserReportWebView()
                && !all.get(CodeRealmSettings.class).allows(TestType.USER_REPORT)) {
            check.refuse(ALLOW_USER_REPORT_WEB_VIEW.name(), "setting.error.needsUserReport");
        }
    }
}
