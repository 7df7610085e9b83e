/**
 * SMS: the providers (Twilio, or a log for installations without one), each realm's sender and
 * templates, authenticated SMS signatures, and the errors Twilio reports back.
 */
package org.enverify.sms;
