package org.enverify.events;

import java.util.Arrays;
import java.util.Optional;

/** What a realm can subscribe to. */
public enum EventType {
    CODE_ISSUED("code.issued"),
    CODE_CLAIMED("code.claimed"),
    CODE_EXPIRED("code.expired"),
    CERTIFICATE_ISSUED("certificate.issued"),
    USER_REPORT_CREATED("user_report.created"),
    REALM_KEY_ROTATED("realm.key.rotated"),
    QUOTA_THRESHOLD("quota.threshold"),
    E2E_FAILED("e2e.failed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(name.trim()))
                .findFirst();
    }
}
