/**
 * Mail the installation sends (invitations, password resets, notices): every mail is kept in an outbox
 * table and, when SMTP is configured, delivered by a worker job; without SMTP the outbox is the only
 * copy, which system administrators read in the UI.
 */
package org.enverify.mail;
