package org.enverify.userreport.api;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The user-report endpoint belongs to the device API role. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.DEVICE_API)
@Import(UserReportController.class)
class UserReportApiRoutes {}
