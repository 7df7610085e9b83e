package org.enverify.mailoutbox.web;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The mail pages (the outbox, the system SMTP account, a realm's mail) belong to the UI role. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
@Import({MailOutboxController.class, SystemSmtpController.class, RealmMailController.class})
class MailOutboxPagesRoutes {}
