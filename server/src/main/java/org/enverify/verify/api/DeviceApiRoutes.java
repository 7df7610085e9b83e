package org.enverify.verify.api;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.DEVICE_API)
@Import(DeviceApiController.class)
class DeviceApiRoutes {}
