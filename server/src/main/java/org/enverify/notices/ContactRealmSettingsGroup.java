package org.enverify.notices;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingType;
import org.enverify.realm.RealmSettingsGroup;
import org.enverify.realm.SettingValueRefused;
import org.springframework.stereotype.Component;

@Component
class ContactRealmSettingsGroup implements RealmSettingsGroup<ContactRealmSettings> {

    private static final Pattern EMAIL_PATTERN = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>.]+");

    static final RealmSettingDeclaration<ContactRealmSettings, List<String>> CONTACT_EMAIL_ADDRESSES =
            RealmSettingDeclaration.of(
                    "contact_email_addresses",
                    RealmSettingType.of(ContactRealmSettingsGroup::addresses, addresses -> String.join(",", addresses)),
                    List.of(),
                    ContactRealmSettings::contactEmailAddresses);

    @Override
    public String name() {
        return "contacts";
    }

    @Override
    public Class<ContactRealmSettings> type() {
        return ContactRealmSettings.class;
    }

    @Override
    public List<RealmSettingDeclaration<ContactRealmSettings, ?>> settings() {
        return List.of(CONTACT_EMAIL_ADDRESSES);
    }

    @Override
    public ContactRealmSettings create(Values values) {
        return new ContactRealmSettings(values.get(CONTACT_EMAIL_ADDRESSES));
    }

    private static List<String> addresses(String value) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String part : value.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            String address = part.trim();
            if (address.length() > 254 || !EMAIL_PATTERN.matcher(address).matches()) {
                throw new SettingValueRefused("setting.error.emailAddress", address);
            }
            addresses.add(address);
        }
        if (addresses.size() > 10) {
            throw new SettingValueRefused("setting.error.tooManyAddresses", "10");
        }
        return List.copyOf(addresses);
    }
}
