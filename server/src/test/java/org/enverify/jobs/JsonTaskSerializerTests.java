package org.enverify.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.enverify.realm.RealmId;
import org.junit.jupiter.api.Test;

/** Job payloads as the queue stores them, read back by whichever version runs the job. */
class JsonTaskSerializerTests {

    record Work(RealmId realm, long item) {}

    record MaybeRealm(Optional<RealmId> realm) {}

    private final JsonTaskSerializer serializer = new JsonTaskSerializer();

    @Test
    void aRealmIdIsStoredAsTheBareNumberEarlierPayloadsCarried() {
        byte[] stored = serializer.serialize(new Work(new RealmId(3), 7));

        assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("{\"realm\":3,\"item\":7}");
        assertThat(serializer.deserialize(Work.class, stored)).isEqualTo(new Work(new RealmId(3), 7));
    }

    @Test
    void aRealmIdWrittenAsAnObjectStillReads() {
        byte[] stored = "{\"realm\":{\"value\":3}}".getBytes(StandardCharsets.UTF_8);

        assertThat(serializer.deserialize(MaybeRealm.class, stored).realm()).contains(new RealmId(3));
    }

    @Test
    void anAbsentRealmStaysAbsent() {
        byte[] stored = serializer.serialize(new MaybeRealm(Optional.empty()));

        assertThat(serializer.deserialize(MaybeRealm.class, stored).realm()).isEmpty();
    }
}
