package org.enverify.sms.api;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Twilio calls back the public server, which the UI role is. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
@Import(TwilioCallbackController.class)
class SmsRoutes {}
