package org.enverify.code;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.enverify.events.Events;
import org.enverify.realm.RealmId;

/**
 * The phones with a user report in a realm, kept by the user-report feature: issuing asks it before drawing a
 * report's code and records the report in the code's transaction, a claim marks it, a withdrawn code forgets it.
 */
public interface ReportedPhones {

    /** Whether any of the phone's HMACs (one per key version) has a report. */
    boolean reported(RealmId realm, List<byte[]> phoneHmacs);

    /** @return false when the phone got a report meanwhile */
    boolean record(RealmId realm, byte[] phoneHmac, UUID codeUuid, boolean nonceRequired, Instant now);

    /**
     * The change, run with a claim ({@link CodeClaims#claim}) that accepts user-report codes, that marks the
     * report of the claimed code as claimed when the code is a user report.
     */
    Events.Change markClaimed(RealmId realm, Instant now);

    void forget(RealmId realm, UUID codeUuid);
}
