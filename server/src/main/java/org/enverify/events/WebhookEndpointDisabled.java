package org.enverify.events;

import org.enverify.realm.RealmId;

/**
 * A webhook endpoint was switched off because every delivery failed for too long; only the delivery that
 * switched it off publishes this, so the realm's administrators hear of it once.
 *
 * @param reason why, with the last delivery's error; it names no secret
 */
public record WebhookEndpointDisabled(RealmId realm, long endpointId, String reason) {}
