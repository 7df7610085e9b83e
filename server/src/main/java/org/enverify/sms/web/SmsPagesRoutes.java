package org.enverify.sms.web;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The SMS pages, the realm admin's and the system admin's, belong to the UI role. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
@Import({SmsPagesController.class, SystemSmsController.class})
class SmsPagesRoutes {}
