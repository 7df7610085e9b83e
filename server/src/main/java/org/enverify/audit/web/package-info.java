/** The pages of audit: a nested module, so that the web shell they use may read the realm without a cycle. */
@ApplicationModule
package org.enverify.audit.web;

import org.springframework.modulith.ApplicationModule;
