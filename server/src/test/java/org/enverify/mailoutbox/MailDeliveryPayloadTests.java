package org.enverify.mailoutbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.enverify.realm.RealmId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The delivery payload as the job queue stores it: JSON, read back by whichever version runs the job. */
class MailDeliveryPayloadTests {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void aRealmMailCarriesItsRealm() {
        MailDeliveryJob.Delivery delivery = MailDeliveryJob.Delivery.of(7, Optional.of(new RealmId(3)));

        assertThat(roundTrip(delivery)).isEqualTo(delivery);
        assertThat(roundTrip(delivery).realm()).contains(new RealmId(3));
    }

    @Test
    void aSystemMailStatesThatItHasNoRealm() {
        MailDeliveryJob.Delivery delivery = MailDeliveryJob.Delivery.of(7, Optional.empty());

        assertThat(roundTrip(delivery).realm()).isEmpty();
        assertThat(roundTrip(delivery).realmStated()).isTrue();
    }

    @Test
    void aPayloadQueuedBeforeTheRealmWasCarriedStillDecodes() {
        MailDeliveryJob.Delivery legacy =
                json.readValue("{\"mailId\":7}".getBytes(StandardCharsets.UTF_8), MailDeliveryJob.Delivery.class);

        assertThat(legacy.mailId()).isEqualTo(7);
        assertThat(legacy.realmStated()).isFalse();
        assertThat(legacy.realm()).isEmpty();
    }

    private MailDeliveryJob.Delivery roundTrip(MailDeliveryJob.Delivery delivery) {
        return json.readValue(json.writeValueAsBytes(delivery), MailDeliveryJob.Delivery.class);
    }
}
