/**
 * The SMS pages: a realm administrator's sender, templates and signing keys, and the system administrator's Twilio
 * account; a nested module like every feature's pages.
 */
@ApplicationModule
package org.enverify.sms.web;

import org.springframework.modulith.ApplicationModule;
