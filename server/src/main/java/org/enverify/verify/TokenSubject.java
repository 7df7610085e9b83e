package org.enverify.verify;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.enverify.realm.TestType;

/** The token's {@code sub}: {@code <testType>.<symptomDate or empty>.<testDate or empty>}. */
record TokenSubject(TestType testType, LocalDate symptomDate, LocalDate testDate) {

    String encode() {
        return testType.apiName() + "." + (symptomDate == null ? "" : symptomDate) + "."
                + (testDate == null ? "" : testDate);
    }

    static Optional<TokenSubject> decode(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        String[] parts = subject.split("\\.", -1);
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        try {
            Optional<TestType> type =
                    TestType.fromApiName(parts[0]).filter(t -> t.apiName().equals(parts[0]));
            return type.map(t -> new TokenSubject(t, date(parts[1]), parts.length == 3 ? date(parts[2]) : null));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static LocalDate date(String text) {
        return text.isEmpty() ? null : LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
    }
}
