package org.enverify.jobs.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Every role answers {@code /internal/jobs}, so an external scheduler can reach whichever it can. */
@Configuration(proxyBeanMethods = false)
@Import(InternalJobsController.class)
class InternalRoutes {}
