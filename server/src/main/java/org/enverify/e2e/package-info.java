/**
 * The end-to-end self-test: issues a code, verifies it, checks it is claimed, gets a certificate for
 * generated keys and publishes them to a key server, over the public APIs as a health authority and
 * a phone would, and records each run's outcome.
 */
package org.enverify.e2e;
