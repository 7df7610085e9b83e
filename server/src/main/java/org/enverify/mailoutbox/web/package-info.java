/**
 * The mail pages: the outbox, the system SMTP account and a realm's mail; a nested module, so that the web shell they
 * use may read the realm without a cycle.
 */
@ApplicationModule
package org.enverify.mailoutbox.web;

import org.springframework.modulith.ApplicationModule;
