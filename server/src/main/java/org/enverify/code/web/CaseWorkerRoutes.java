package org.enverify.code.web;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The case worker's pages belong to the UI role. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
@Import({CaseWorkerController.class, BulkIssuePagesController.class})
class CaseWorkerRoutes {}
