/**
 * The mail outbox and the SMTP accounts it delivers through: every mail the installation sends (invitations,
 * password resets, notices) is written to the outbox in the transaction of the change that sends it and, when an
 * SMTP account carries it (the realm's own, else the operator's), handed to SMTP by a worker job; without one the
 * outbox is the only copy, which system administrators read in the UI.
 */
package org.enverify.mailoutbox;
