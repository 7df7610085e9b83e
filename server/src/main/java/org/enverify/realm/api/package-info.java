/**
 * The realm's management API resources: its settings document, and the installation's realms. A nested
 * module, because they build on the management API's foundation, which in turn reads {@code realm}'s types.
 */
@ApplicationModule
package org.enverify.realm.api;

import org.springframework.modulith.ApplicationModule;
