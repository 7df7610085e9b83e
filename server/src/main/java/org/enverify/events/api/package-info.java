/**
 * A realm's webhook endpoints as management API resources: subscribe, show, enable and disable, rotate secrets,
 * delete, and read and redeliver their deliveries. A nested module, because the resources build on the management
 * API's foundation, which reads {@code realm}'s types.
 */
@ApplicationModule
package org.enverify.events.api;

import org.springframework.modulith.ApplicationModule;
