/** The pages of jobs: a nested module, so that the web shell they use may read the realm without a cycle. */
@ApplicationModule
package org.enverify.jobs.web;

import org.springframework.modulith.ApplicationModule;
