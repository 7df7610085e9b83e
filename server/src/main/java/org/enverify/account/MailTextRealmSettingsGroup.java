package org.enverify.account;

import java.util.List;
import java.util.function.Function;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettingsGroup;
import org.springframework.stereotype.Component;

@Component
class MailTextRealmSettingsGroup implements RealmSettingsGroup<MailTextRealmSettings> {

    static final RealmSettingDeclaration<MailTextRealmSettings, String> EMAIL_INVITE_TEMPLATE =
            mailTemplate("email_invite_template", "[invitelink]", MailTextRealmSettings::emailInviteTemplate);
    static final RealmSettingDeclaration<MailTextRealmSettings, String> EMAIL_VERIFY_TEMPLATE =
            mailTemplate("email_verify_template", "[verifylink]", MailTextRealmSettings::emailVerifyTemplate);
    static final RealmSettingDeclaration<MailTextRealmSettings, String> EMAIL_PASSWORD_RESET_TEMPLATE = mailTemplate(
            "email_password_reset_template", "[passwordresetlink]", MailTextRealmSettings::emailPasswordResetTemplate);

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Class<MailTextRealmSettings> type() {
        return MailTextRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<MailTextRealmSettings, ?>> settings() {
        return List.of(EMAIL_INVITE_TEMPLATE, EMAIL_VERIFY_TEMPLATE, EMAIL_PASSWORD_RESET_TEMPLATE);
    }

    @Override
    public MailTextRealmSettings create(Values values) {
        return new MailTextRealmSettings(
                values.get(EMAIL_INVITE_TEMPLATE),
                values.get(EMAIL_VERIFY_TEMPLATE),
                values.get(EMAIL_PASSWORD_RESET_TEMPLATE));
    }

    private static RealmSettingDeclaration<MailTextRealmSettings, String> mailTemplate(
            String name, String linkPlaceholder, Function<MailTextRealmSettings, String> read) {
        return RealmSettingDeclaration.of(
                name,
                RealmSettingType.of(
                        text -> MailTemplateRules.normalize(text, linkPlaceholder),
                        text -> text,
                        RealmSettingType.Entry.lines(MailTemplateRules.MAXIMUM_LENGTH)),
                "",
                read);
    }
}
