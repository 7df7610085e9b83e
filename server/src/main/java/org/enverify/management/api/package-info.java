/**
 * The management API's web foundation, which every feature's management resources build on: bearer-token
 * authentication per realm, callers and their scopes, paging, the success envelope and idempotent creation.
 */
@org.springframework.modulith.NamedInterface("api")
package org.enverify.management.api;
