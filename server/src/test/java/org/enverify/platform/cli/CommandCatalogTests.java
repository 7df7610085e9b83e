package org.enverify.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandCatalogTests {

    final CommandCatalog catalog = CommandCatalog.scan(getClass().getClassLoader());

    @Test
    void editDistanceCountsSingleLetterEdits() {
        assertThat(CommandCatalog.editDistance("realm", "realm")).isZero();
        assertThat(CommandCatalog.editDistance("reaml", "realm")).isEqualTo(2);
        assertThat(CommandCatalog.editDistance("apikeys", "apikey")).isEqualTo(1);
        assertThat(CommandCatalog.editDistance("", "sms")).isEqualTo(3);
        assertThat(CommandCatalog.editDistance("mail", "")).isEqualTo(4);
    }

    @Test
    void theClosestGroupIsTheFewestEditsAway() {
        assertThat(catalog.closest("reaml").name()).isEqualTo("realm");
        assertThat(catalog.closest("usr").name()).isEqualTo("user");
        assertThat(catalog.closest("qouta").name()).isEqualTo("quota");
        assertThat(catalog.closest("mobile-app").name()).isEqualTo("mobileapp");
    }

    @Test
    void groupsAreFoundFromTheClassFilesWithTheirClasses() {
        assertThat(catalog.find("realm").orElseThrow().className()).isEqualTo("org.enverify.realm.cli.RealmCommands");
        assertThat(catalog.find("nothing")).isEmpty();
    }
}
