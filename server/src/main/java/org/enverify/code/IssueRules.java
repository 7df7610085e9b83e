package org.enverify.code;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Realm;
import org.enverify.realm.TestType;
import org.enverify.sms.SmsRealmSettings;

/** The checks of an issue request, each with the error the contract assigns to it. */
final class IssueRules {

    static final int MAX_EXTERNAL_ISSUER_LENGTH = 255;
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern UUID_HEX = Pattern.compile("[0-9a-fA-F]{32}");
    private static final String UUID_URN = "urn:uuid:";
    static final double MAX_TZ_OFFSET_MINUTES = 24 * 60;

    private IssueRules() {}

    /** Format problems of the body itself, judged before any rule. */
    static void checkShape(IssueCodeCommand command) {
        if (command.externalIssuerId() != null && command.externalIssuerId().length() > MAX_EXTERNAL_ISSUER_LENGTH) {
            throw unparsable("externalIssuerID must be at most " + MAX_EXTERNAL_ISSUER_LENGTH + " characters");
        }
        if (command.externalIssuerId() != null && command.externalIssuerId().indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL; stored verbatim otherwise
            throw unparsable("externalIssuerID must not contain NUL characters");
        }
        if (command.tzOffset() != null && !(Math.abs(command.tzOffset()) <= MAX_TZ_OFFSET_MINUTES)) {
            throw unparsable("tzOffset must be a number of minutes from -1440 to 1440");
        }
        uuid(command.uuid());
    }

    /** An optional uuid: absent when blank, refused when present but not a UUID. */
    static UUID uuid(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return parseUuid(text)
                .orElseThrow(() -> unparsable("uuid must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6"));
    }

    /**
     * The forms upstream's parser (Go's {@code uuid.Parse}) takes, in either case: the canonical 8-4-4-4-12
     * form, the same with a {@code urn:uuid:} prefix or in braces, and the 32 hex digits alone. Surrounding
     * spaces are ignored. {@link UUID#fromString} alone would also take shorter groups.
     */
    static Optional<UUID> parseUuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String form = text.trim();
        if (form.length() == UUID_URN.length() + 36 && form.regionMatches(true, 0, UUID_URN, 0, UUID_URN.length())) {
            form = form.substring(UUID_URN.length());
        } else if (form.length() == 38 && form.charAt(0) == '{' && form.charAt(37) == '}') {
            form = form.substring(1, 37);
        } else if (UUID_HEX.matcher(form).matches()) {
            form = form.substring(0, 8) + "-" + form.substring(8, 12) + "-" + form.substring(12, 16) + "-"
                    + form.substring(16, 20) + "-" + form.substring(20);
        }
        return UUID_FORM.matcher(form).matches() ? Optional.of(UUID.fromString(form)) : Optional.empty();
    }

    static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw unparsable(field + " must be a date as YYYY-MM-DD").about(field);
        }
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw unparsable(field + " " + text + " is not a real date").about(field);
        }
    }

    static void checkRange(LocalDate date, String field, LocalDate earliest, LocalDate latest) {
        if (date != null && (date.isBefore(earliest) || date.isAfter(latest))) {
            throw refuse(
                            ErrorCode.INVALID_DATE,
                            field + " must be on/after " + earliest + " and on/before " + latest + ". Received " + date)
                    .about(field);
        }
    }

    static TestType testType(String text, Realm realm) {
        TestType type = TestType.fromApiName(text)
                .orElseThrow(() -> refuse(
                                ErrorCode.INVALID_TEST_TYPE,
                                "testType must be one of confirmed, likely, negative, user-report")
                        .about("testType"));
        CodeRealmSettings codes = realm.settings(CodeRealmSettings.class);
        if (!codes.allows(type) || (type == TestType.USER_REPORT && !codes.allowAdminUserReport())) {
            throw refuse(
                            ErrorCode.UNSUPPORTED_TEST_TYPE,
                            "this realm does not issue codes of test type " + type.apiName())
                    .about("testType");
        }
        return type;
    }

    /** The number in E.164, read with the realm's SMS country as the default region. */
    static String phone(String text, Realm realm) {
        if (text == null || text.isBlank()) {
            return null;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            if (text.length() > 64) {
                throw new NumberParseException(NumberParseException.ErrorType.TOO_LONG, "too long");
            }
            if (text.chars().anyMatch(Character::isLetter)) {
                // libphonenumber reads vanity letters (1-800-FLOWERS) as digits; a phone that gets SMS has none
                throw new NumberParseException(NumberParseException.ErrorType.NOT_A_NUMBER, "letters");
            }
            Phonenumber.PhoneNumber number =
                    util.parse(text, realm.settings(SmsRealmSettings.class).smsCountry());
            if (!util.isValidNumber(number)) {
                throw new NumberParseException(NumberParseException.ErrorType.NOT_A_NUMBER, "not valid");
            }
            return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw refuse(ErrorCode.PHONE_NUMBER_INVALID, "the phone number is not valid")
                    .about("phone");
        }
    }

    /** The number in E.164 when it reads as a valid number of {@code region}; otherwise as typed. */
    static String phoneInRegion(String text, String region) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        if (text == null
                || text.isBlank()
                || text.length() > 64
                || region == null
                || !util.getSupportedRegions().contains(region)) {
            return text;
        }
        try {
            Phonenumber.PhoneNumber number = util.parse(text, region);
            return util.isValidNumber(number) ? util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : text;
        } catch (NumberParseException e) {
            return text;
        }
    }

    static Refusal unparsable(String message) {
        return refuse(ErrorCode.UNPARSABLE_REQUEST, message);
    }

    static Refusal conflict(UUID uuid) {
        return refuse(ErrorCode.UUID_ALREADY_EXISTS, "a code with uuid " + uuid + " exists");
    }

    /** A refusal to issue; a page shows it as {@code issue.error.<its wire code>}. */
    static Refusal refuse(ErrorCode code, String apiText) {
        return Refusal.of(code, apiText).shown("issue.error." + code.wireValue());
    }
}
