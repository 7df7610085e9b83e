package org.enverify.verify.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.TestType;

/** What a phone says it can accept, expanded as the protocol defines. */
final class AcceptedTypesParser {

    private AcceptedTypesParser() {}

    static Set<TestType> parse(List<String> accept) {
        if (accept == null || accept.isEmpty()) {
            return EnumSet.allOf(TestType.class);
        }
        Set<TestType> types = EnumSet.noneOf(TestType.class);
        for (String value : accept) {
            switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
                case "confirmed" -> types.add(TestType.CONFIRMED);
                case "likely" -> types.addAll(EnumSet.of(TestType.CONFIRMED, TestType.LIKELY));
                case "negative" -> types.addAll(EnumSet.of(TestType.CONFIRMED, TestType.LIKELY, TestType.NEGATIVE));
                case "user-report" -> types.addAll(EnumSet.of(TestType.CONFIRMED, TestType.USER_REPORT));
                default ->
                    throw ApiException.badRequest(
                            ErrorCode.INVALID_TEST_TYPE, "accept holds an unknown test type: " + value);
            }
        }
        return types;
    }
}
