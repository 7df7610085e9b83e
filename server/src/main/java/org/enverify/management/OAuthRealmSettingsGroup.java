package org.enverify.management;

import java.util.List;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.platform.net.RefusedUrl;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettings;
import org.enverify.realm.RealmSettingsGroup;
import org.springframework.stereotype.Component;

/** The realm's identity provider for the management API; system administrators only choose whom a realm trusts. */
@Component
class OAuthRealmSettingsGroup implements RealmSettingsGroup<OAuthRealmSettings> {

    static final RealmSettingDeclaration<OAuthRealmSettings, Boolean> ENABLED = RealmSettingDeclaration.of(
                    "oauth_enabled", RealmSettingType.bool(), false, OAuthRealmSettings::enabled)
            .forSystemAdminsOnly();
    static final RealmSettingDeclaration<OAuthRealmSettings, String> ISSUER = RealmSettingDeclaration.of(
                    "oauth_issuer", RealmSettingType.text(1000), "", OAuthRealmSettings::issuer)
            .forSystemAdminsOnly();
    static final RealmSettingDeclaration<OAuthRealmSettings, String> JWKS_URI = RealmSettingDeclaration.of(
                    "oauth_jwks_uri", RealmSettingType.text(1000), "", OAuthRealmSettings::jwksUri)
            .forSystemAdminsOnly();
    static final RealmSettingDeclaration<OAuthRealmSettings, String> AUDIENCE = RealmSettingDeclaration.of(
                    "oauth_audience", RealmSettingType.text(200), "", OAuthRealmSettings::audience)
            .forSystemAdminsOnly();

    private final OutboundUrls outboundUrls;

    OAuthRealmSettingsGroup(OutboundUrls outboundUrls) {
        this.outboundUrls = outboundUrls;
    }

    @Override
    public String name() {
        return "oauth";
    }

    @Override
    public Class<OAuthRealmSettings> type() {
        return OAuthRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<OAuthRealmSettings, ?>> settings() {
        return List.of(ENABLED, ISSUER, JWKS_URI, AUDIENCE);
    }

    @Override
    public OAuthRealmSettings create(Values values) {
        return new OAuthRealmSettings(
                values.get(ENABLED), values.get(ISSUER), values.get(JWKS_URI), values.get(AUDIENCE));
    }

    @Override
    public void check(OAuthRealmSettings settings, RealmSettings all, Check check) {
        checkUrl(ISSUER.name(), settings.issuer(), check);
        checkUrl(JWKS_URI.name(), settings.jwksUri(), check);
        if (settings.enabled() && settings.issuer().isEmpty()) {
            check.refuse(ISSUER.name(), "setting.error.empty");
        }
        if (settings.enabled() && settings.audience().isEmpty()) {
            check.refuse(AUDIENCE.name(), "setting.error.empty");
        }
    }

    /** The provider's URLs are called from this server, so they follow the rule of every such URL. */
    private void checkUrl(String setting, String url, Check check) {
        if (url.isEmpty()) {
            return;
        }
        try {
            outboundUrls.check(url);
        } catch (RefusedUrl refused) {
            check.refuse(setting, refused.reason().messageKey());
        }
    }
}
