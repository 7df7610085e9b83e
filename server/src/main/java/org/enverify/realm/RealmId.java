package org.enverify.realm;

/** The tenant every realm-owned row, query and job carries explicitly. */
public record RealmId(long value) {

    public RealmId {
        if (value <= 0) {
            throw new IllegalArgumentException("A realm id is a positive number");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
