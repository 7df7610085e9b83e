package org.enverify.signing.api;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code /jwks/*} belongs to the UI role, where key servers have always fetched it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
@Import(JwksController.class)
class JwksRoutes {}
