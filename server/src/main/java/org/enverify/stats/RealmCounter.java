package org.enverify.stats;

/**
 * A daily counter of a realm. The first five are also kept per API key; each event counts one of
 * them and may refine it with realm-only counters (a user report, the phone's operating system). SMS
 * sent are counted on their own: the code an SMS carried is counted as issued too.
 */
enum RealmCounter {
    CODES_ISSUED("codes_issued"),
    CODES_CLAIMED("codes_claimed"),
    CODES_INVALID("codes_invalid"),
    TOKENS_CLAIMED("tokens_claimed"),
    TOKENS_INVALID("tokens_invalid"),
    USER_REPORTS_ISSUED("user_reports_issued"),
    USER_REPORTS_CLAIMED("user_reports_claimed"),
    USER_REPORT_TOKENS_CLAIMED("user_report_tokens_claimed"),
    USER_REPORTS_INVALID_NONCE("user_reports_invalid_nonce"),
    CODES_INVALID_UNKNOWN_OS("codes_invalid_unknown_os"),
    CODES_INVALID_IOS("codes_invalid_ios"),
    CODES_INVALID_ANDROID("codes_invalid_android"),
    USER_REPORTS_INVALID_NONCE_UNKNOWN_OS("user_reports_invalid_nonce_unknown_os"),
    USER_REPORTS_INVALID_NONCE_IOS("user_reports_invalid_nonce_ios"),
    USER_REPORTS_INVALID_NONCE_ANDROID("user_reports_invalid_nonce_android"),
    SMS_SENT("sms_sent");

    /** How many counters, from the first, API keys keep too. */
    static final int PER_API_KEY = 5;

    private final String column;

    RealmCounter(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }

    boolean perApiKey() {
        return ordinal() < PER_API_KEY;
    }

    static RealmCounter codesInvalid(PhoneOs os) {
        return switch (os) {
            case UNKNOWN -> CODES_INVALID_UNKNOWN_OS;
            case IOS -> CODES_INVALID_IOS;
            case ANDROID -> CODES_INVALID_ANDROID;
        };
    }

    static RealmCounter invalidNonce(PhoneOs os) {
        return switch (os) {
            case UNKNOWN -> USER_REPORTS_INVALID_NONCE_UNKNOWN_OS;
            case IOS -> USER_REPORTS_INVALID_NONCE_IOS;
            case ANDROID -> USER_REPORTS_INVALID_NONCE_ANDROID;
        };
    }
}
