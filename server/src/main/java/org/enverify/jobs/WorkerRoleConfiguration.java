package org.enverify.jobs;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;

/** The worker role's scheduler and tasks; the job platform arrives with the worker issue. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.WORKER)
class WorkerRoleConfiguration {}
