/**
 * User reports: the nonce rule, issuing a report's code for a phone (device API in {@code api}, web view in
 * {@code web}), handing its SMS to the realm's webhook, withdrawing and purging a report.
 */
package org.enverify.userreport;
