/** A realm administrator's SMS pages: sender, templates and signing keys; a nested module like every feature's pages. */
@ApplicationModule
package org.enverify.sms.web;

import org.springframework.modulith.ApplicationModule;
