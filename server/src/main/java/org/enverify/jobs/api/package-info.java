/** Routes for operators' tooling, guarded by the internal token. */
package org.enverify.jobs.api;
