package org.enverify.ui.web;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The system administrator's build page, which every UI process serves about itself. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
@Import(BuildInfoController.class)
class BuildPageConfiguration {}
