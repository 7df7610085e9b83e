package org.enverify.stats.api;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The statistics downloads of the web UI, and the system statistics, belong to the UI role. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.UI)
@Import({StatsDownloadController.class, SystemStatsController.class})
class StatsDownloadRoutes {}
