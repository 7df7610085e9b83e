/** The pages of code: a nested module, so that the web shell they use may read the realm without a cycle. */
@ApplicationModule
package org.enverify.code.web;

import org.springframework.modulith.ApplicationModule;
