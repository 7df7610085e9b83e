package org.enverify.stats;

/** A daily counter kept per realm and per API key. */
enum RealmCounter {
    CODES_ISSUED("codes_issued"),
    CODES_CLAIMED("codes_claimed"),
    CODES_INVALID("codes_invalid"),
    TOKENS_CLAIMED("tokens_claimed"),
    TOKENS_INVALID("tokens_invalid");

    private final String column;

    RealmCounter(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
