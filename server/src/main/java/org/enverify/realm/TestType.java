package org.enverify.realm;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A diagnosis's test type: its API string (also the certificate's reportType) and its realm bit. */
public enum TestType {
    CONFIRMED("confirmed", 2),
    LIKELY("likely", 4),
    NEGATIVE("negative", 8),
    USER_REPORT("user-report", 16);

    private final String apiName;
    private final int bit;

    TestType(String apiName, int bit) {
        this.apiName = apiName;
        this.bit = bit;
    }

    public String apiName() {
        return apiName;
    }

    public int bit() {
        return bit;
    }

    public static Optional<TestType> fromApiName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.apiName.equals(lower)).findFirst();
    }

    public static Set<TestType> fromMask(int mask) {
        Set<TestType> types = EnumSet.noneOf(TestType.class);
        for (TestType type : values()) {
            if ((mask & type.bit) != 0) {
                types.add(type);
            }
        }
        return types;
    }

    public static int toMask(Set<TestType> types) {
        return types.stream().mapToInt(TestType::bit).reduce(0, (a, b) -> a | b);
    }

    public static String describe(Set<TestType> types) {
        return types.stream().sorted().map(TestType::apiName).collect(Collectors.joining(","));
    }
}
