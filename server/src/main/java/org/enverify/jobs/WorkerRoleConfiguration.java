package org.enverify.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import javax.sql.DataSource;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.ProcessRole;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Only worker processes execute jobs; every other role only enqueues them. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(ProcessRole.WORKER)
class WorkerRoleConfiguration {

    @Bean
    WorkerScheduler workerScheduler(DataSource dataSource, JobTasks tasks, JobsSettings settings) {
        Scheduler scheduler = Scheduler.create(dataSource, tasks.oneTime())
                .startTasks(tasks.recurring())
                .serializer(new JsonTaskSerializer())
                .jdbcCustomization(new PostgreSqlJdbcCustomization(false, false))
                .threads(settings.workerThreads())
                .heartbeatInterval(settings.workerHeartbeat())
                .pollingInterval(java.time.Duration.ofSeconds(5))
                .enableImmediateExecution()
                .build();
        return new WorkerScheduler(scheduler);
    }

    /** Starts polling once the application is up and stops before the database pool closes. */
    record WorkerScheduler(Scheduler scheduler) implements SmartLifecycle {

        @Override
        public void start() {
            scheduler.start();
        }

        @Override
        public void stop() {
            scheduler.stop();
        }

        @Override
        public boolean isRunning() {
            return scheduler.getSchedulerState().isStarted()
                    && !scheduler.getSchedulerState().isShuttingDown();
        }
    }
}
