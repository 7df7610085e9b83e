/**
 * The management API's foundation (docs/management-api.md): bearer tokens of each realm's identity provider
 * and of the operator's, the callers and permissions they carry, paging, the envelope and idempotent
 * creation. Each resource lives in its feature's {@code api} package and builds on these types.
 */
package org.enverify.management;
