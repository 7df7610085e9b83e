/**
 * Chaff: fake device API requests that phones send so that an observer of the network cannot tell
 * when a person really verifies a code. They are answered like real responses in size and latency,
 * do nothing, and leave only a mark that the realm's phones sent chaff that day.
 */
package org.enverify.chaff;
