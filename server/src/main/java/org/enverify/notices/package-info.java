/**
 * What a realm's people are told by mail: its contact addresses ({@code contact_email_addresses}) daily when the
 * modeler flags an anomaly or SMS errors pass a threshold, and when the day's codes reach 70 and 90 percent of the
 * realm's quota; its administrators too when a webhook endpoint is switched off. The mails go through the outbox.
 */
package org.enverify.notices;
