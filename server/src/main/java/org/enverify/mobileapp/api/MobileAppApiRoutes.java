package org.enverify.mobileapp.api;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.ADMIN_API)
@Import(MobileAppsApiController.class)
class MobileAppApiRoutes {}
