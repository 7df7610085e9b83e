package org.enverify.stats;

import java.util.Optional;
import org.enverify.realm.RealmId;

/**
 * The realm the installation's end-to-end self-test issues in, which system statistics leave out: its codes
 * are no health authority's. The self-test owns the answer.
 */
public interface SelfTestRealm {

    /** Empty when no self-test is set up here, or it tests another installation. */
    Optional<RealmId> find();
}
