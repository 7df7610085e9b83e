/** The pages of user reports: a nested module, so that the web shell they use may read the realm without a cycle. */
@ApplicationModule
package org.enverify.userreport.web;

import org.springframework.modulith.ApplicationModule;
