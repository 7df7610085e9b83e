/** The pages of account: a nested module, so that the web shell they use may read the realm without a cycle. */
@ApplicationModule
package org.enverify.account.web;

import org.springframework.modulith.ApplicationModule;
