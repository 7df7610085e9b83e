/** The pages of signing: a nested module, so that the web shell they use may read the realm without a cycle. */
@ApplicationModule
package org.enverify.signing.web;

import org.springframework.modulith.ApplicationModule;
