/**
 * The end-to-end self-test: upstream's flows (default, revise, user-report, SMS, redirect), each a periodic task
 * that walks the public APIs and app-link hosts as a health authority and a phone would, and records each run's
 * outcome under its flow.
 */
package org.enverify.e2e;
