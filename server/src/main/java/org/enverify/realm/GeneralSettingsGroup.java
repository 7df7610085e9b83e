package org.enverify.realm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.enverify.platform.net.AddressRanges;
import org.enverify.platform.net.Cidr;
import org.springframework.stereotype.Component;

/** The realm's name, host names, switches and network rules; other features declare their own groups. */
@Component
class GeneralSettingsGroup implements RealmSettingsGroup<GeneralRealmSettings> {

    static final String NAME = "general";

    /** A realm's label in host names: {@code <slug>.<host suffix>}, and {@code <slug>-api.<host suffix>}. */
    static final Pattern SLUG_PATTERN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    static final Pattern REGION_CODE_PATTERN = Pattern.compile("[A-Z0-9-]{1,10}");

    static final RealmSettingDeclaration<GeneralRealmSettings, String> REALM_NAME = RealmSettingDeclaration.of(
            "name", RealmSettingType.of(GeneralSettingsGroup::name, text -> text), "", GeneralRealmSettings::name);
    static final RealmSettingDeclaration<GeneralRealmSettings, String> REGION_CODE = RealmSettingDeclaration.of(
            "region_code",
            RealmSettingType.of(GeneralSettingsGroup::regionCode, GeneralSettingsGroup::orEmpty),
            null,
            GeneralRealmSettings::regionCode);
    static final RealmSettingDeclaration<GeneralRealmSettings, String> SLUG = RealmSettingDeclaration.of(
                    "slug",
                    RealmSettingType.of(GeneralSettingsGroup::slug, GeneralSettingsGroup::orEmpty),
                    null,
                    GeneralRealmSettings::slug)
            .forSystemAdminsOnly();
    static final RealmSettingDeclaration<GeneralRealmSettings, Boolean> DISABLED = RealmSettingDeclaration.of(
                    "disabled", RealmSettingType.bool(), false, GeneralRealmSettings::disabled)
            .forSystemAdminsOnly();
    static final RealmSettingDeclaration<GeneralRealmSettings, Boolean> MAINTENANCE_MODE = RealmSettingDeclaration.of(
                    "maintenance_mode", RealmSettingType.bool(), false, GeneralRealmSettings::maintenanceMode)
            .forSystemAdminsOnly();
    static final RealmSettingDeclaration<GeneralRealmSettings, AddressRanges> ALLOWED_CIDRS_ADMIN_API =
            RealmSettingDeclaration.of(
                    "allowed_cidrs_admin_api",
                    ranges(),
                    AddressRanges.of(List.of()),
                    GeneralRealmSettings::adminApiNetworks);
    static final RealmSettingDeclaration<GeneralRealmSettings, AddressRanges> ALLOWED_CIDRS_DEVICE_API =
            RealmSettingDeclaration.of(
                    "allowed_cidrs_device_api",
                    ranges(),
                    AddressRanges.of(List.of()),
                    GeneralRealmSettings::deviceApiNetworks);
    static final RealmSettingDeclaration<GeneralRealmSettings, AddressRanges> ALLOWED_CIDRS_UI =
            RealmSettingDeclaration.of(
                    "allowed_cidrs_ui", ranges(), AddressRanges.of(List.of()), GeneralRealmSettings::uiNetworks);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<GeneralRealmSettings> type() {
        return GeneralRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<GeneralRealmSettings, ?>> settings() {
        return List.of(
                REALM_NAME,
                REGION_CODE,
                SLUG,
                DISABLED,
                MAINTENANCE_MODE,
                ALLOWED_CIDRS_ADMIN_API,
                ALLOWED_CIDRS_DEVICE_API,
                ALLOWED_CIDRS_UI);
    }

    @Override
    public GeneralRealmSettings create(Values values) {
        return new GeneralRealmSettings(
                values.get(REALM_NAME),
                values.get(REGION_CODE),
                values.get(SLUG),
                values.get(DISABLED),
                values.get(MAINTENANCE_MODE),
                values.get(ALLOWED_CIDRS_ADMIN_API),
                values.get(ALLOWED_CIDRS_DEVICE_API),
                values.get(ALLOWED_CIDRS_UI));
    }

    private static String name(String value) {
        String name = RealmSettingType.text(100).parse(value);
        if (name.isEmpty()) {
            throw new SettingValueRefused("setting.error.empty");
        }
        return name;
    }

    private static String regionCode(String value) {
        String code = value.trim().toUpperCase(Locale.ROOT);
        if (code.isEmpty()) {
            return null;
        }
        if (!REGION_CODE_PATTERN.matcher(code).matches()) {
            throw new SettingValueRefused("setting.error.regionCode");
        }
        return code;
    }

    private static String slug(String value) {
        String slug = value.trim().toLowerCase(Locale.ROOT);
        if (slug.isEmpty()) {
            return null;
        }
        if (!SLUG_PATTERN.matcher(slug).matches() || slug.endsWith("-api")) {
            throw new SettingValueRefused("setting.error.slug");
        }
        return slug;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static RealmSettingType<AddressRanges> ranges() {
        return RealmSettingType.of(
                value -> {
                    List<String> ranges = new ArrayList<>();
                    for (String part : value.split(",")) {
                        if (part.isBlank()) {
                            continue;
                        }
                        Cidr range = Cidr.parse(part)
                                .orElseThrow(() -> new SettingValueRefused("setting.error.addressRange", part.trim()));
                        ranges.add(range.toString());
                    }
                    if (ranges.size() > 50) {
                        throw new SettingValueRefused("setting.error.tooManyRanges", "50");
                    }
                    return AddressRanges.of(ranges);
                },
                ranges -> String.join(",", ranges.texts()));
    }
}
