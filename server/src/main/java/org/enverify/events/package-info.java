/**
 * Events out: what happens in a realm is recorded in the transaction that did it, then relayed by the
 * worker to the realm's signed webhooks (Standard Webhooks) and, when configured, to RabbitMQ.
 */
package org.enverify.events;
