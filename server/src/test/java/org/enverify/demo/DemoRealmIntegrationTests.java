package org.enverify.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import org.enverify.platform.Actor;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo realm is the one {@code --demo} created, whatever its name and region code became. */
@EnverifyIntegrationTest
class DemoRealmIntegrationTests {

    @Autowired
    DemoRealm demo;

    @Autowired
    Realms realms;

    @Test
    @Tag("security")
    void aRenamedDemoRealmIsNotCreatedAgainAtTheNextStart() {
        demo.createOnce();
        Realm created = realms.findByRegion("DEMO").orElseThrow();
        realms.update(created.id(), Map.of("name", "Our pilot"), Actor.cli());

        assertThatCode(demo::createOnce).as("the next --demo start").doesNotThrowAnyException();

        assertThat(realms.list()).extracting(Realm::name).contains("Our pilot").doesNotContain("Demo");
        assertThat(realms.findByRegion("DEMO")).map(Realm::id).contains(created.id());
    }
}
