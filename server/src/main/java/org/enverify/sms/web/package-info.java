/** A realm administrator's SMS pages: sender, templates and signing keys. */
package org.enverify.sms.web;
