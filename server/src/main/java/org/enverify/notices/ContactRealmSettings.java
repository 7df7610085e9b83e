package org.enverify.notices;

import java.util.List;

/** Who the emailer tells about a realm's anomalies, SMS errors, daily quota and failing webhooks. */
public record ContactRealmSettings(List<String> contactEmailAddresses) {

    public ContactRealmSettings {
        contactEmailAddresses = List.copyOf(contactEmailAddresses);
    }
}
