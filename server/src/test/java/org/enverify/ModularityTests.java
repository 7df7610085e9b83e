package org.enverify;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Feature packages reach each other only through their top-level types and named interfaces. */
class ModularityTests {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(EnverifyApplication.class).verify();
    }
}
