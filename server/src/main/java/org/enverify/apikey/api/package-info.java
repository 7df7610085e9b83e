/**
 * The API key caller of the device and admin APIs, and a realm's API keys as management API resources (list
 * with last use, create, rename, disable, enable). A nested module, because the resources build on the
 * management API's foundation and read the keys' statistics, both of which read {@code apikey}'s or
 * {@code realm}'s types.
 */
@ApplicationModule
package org.enverify.apikey.api;

import org.springframework.modulith.ApplicationModule;
