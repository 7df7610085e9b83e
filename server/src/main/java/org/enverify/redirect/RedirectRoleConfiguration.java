package org.enverify.redirect;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;

/** The redirect role's routes; the redirector itself arrives with the edge-protection work. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.REDIRECT)
class RedirectRoleConfiguration {}
