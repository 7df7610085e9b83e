package org.enverify.platform.web;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code /openapi.yaml} is served where the APIs it describes are. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole({ProcessRole.DEVICE_API, ProcessRole.ADMIN_API})
@Import(OpenApiController.class)
class OpenApiRoutes {}
