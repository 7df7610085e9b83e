package org.enverify.signing.api;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** A realm's certificate keys as management API resources belong to the admin API role. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.ADMIN_API)
@Import(CertificateKeysApiController.class)
class CertificateKeysApiRoutes {}
