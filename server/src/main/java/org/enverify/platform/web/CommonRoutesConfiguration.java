package org.enverify.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Routes every role serves. */
@Configuration(proxyBeanMethods = false)
@Import({HealthController.class, StatusController.class})
class CommonRoutesConfiguration {}
