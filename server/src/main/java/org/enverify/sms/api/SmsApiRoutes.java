package org.enverify.sms.api;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The realm's SMS configuration as a management API resource belongs to the admin API role. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.ADMIN_API)
@Import(SmsConfigurationApiController.class)
class SmsApiRoutes {}
