/**
 * Routes for operators' tooling: {@code /internal/jobs}, guarded by the internal token, and the jobs as management
 * API resources for the operator's tokens. A nested module, because the resources build on the management API's
 * foundation, whose own cleanup is one of the jobs.
 */
@ApplicationModule
package org.enverify.jobs.api;

import org.springframework.modulith.ApplicationModule;
