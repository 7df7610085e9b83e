/**
 * The mail outbox: every mail the installation sends (invitations, password resets, notices) is written to it in
 * the transaction of the change that sends it and, when SMTP is configured, handed to SMTP by a worker job; without
 * SMTP the outbox is the only copy, which system administrators read in the UI.
 */
package org.enverify.mailoutbox;
