/** The pages of the mail outbox: a nested module, so that the web shell they use may read the realm without a cycle. */
@ApplicationModule
package org.enverify.mailoutbox.web;

import org.springframework.modulith.ApplicationModule;
