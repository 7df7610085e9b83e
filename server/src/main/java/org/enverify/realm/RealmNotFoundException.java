package org.enverify.realm;

/** There is no realm with this id. */
public class RealmNotFoundException extends RuntimeException {

    public RealmNotFoundException(RealmId id) {
        super("There is no realm " + id);
    }
}
