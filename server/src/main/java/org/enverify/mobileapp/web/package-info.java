/** The pages of mobileapp: a nested module, so that the web shell they use may read the realm without a cycle. */
@ApplicationModule
package org.enverify.mobileapp.web;

import org.springframework.modulith.ApplicationModule;
