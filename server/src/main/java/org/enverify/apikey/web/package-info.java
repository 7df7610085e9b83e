/** The pages of apikey: a nested module, so that the web shell they use may read the realm without a cycle. */
@ApplicationModule
package org.enverify.apikey.web;

import org.springframework.modulith.ApplicationModule;
