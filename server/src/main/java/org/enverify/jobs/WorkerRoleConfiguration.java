package org.enverify.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import java.time.Duration;
import java.util.function.Supplier;
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
        return new WorkerScheduler(() -> Scheduler.create(dataSource, tasks.oneTime())
                .startTasks(tasks.recurring())
                .serializer(new JsonTaskSerializer())
                .jdbcCustomization(new PostgreSqlJdbcCustomization(false, false))
                .threads(settings.workerThreads())
                .heartbeatInterval(settings.workerHeartbeat())
                .pollingInterval(Duration.ofSeconds(5))
                .enableImmediateExecution()
                .build());
    }

    /**
     * Polls once the application is up and stops before the database pool closes. A stopped
     * db-scheduler cannot start again, so every start builds a new one (a context can be stopped and
     * started again, as test contexts are when they are paused).
     */
    static final class WorkerScheduler implements SmartLifecycle {

        private final Supplier<Scheduler> factory;
        private volatile Scheduler running;

        WorkerScheduler(Supplier<Scheduler> factory) {
            this.factory = factory;
        }

        @Override
        public synchronized void start() {
            if (running == null) {
                running = factory.get();
                running.start();
            }
        }

        @Override
        public synchronized void stop() {
            if (running != null) {
                running.stop();
                running = null;
            }
        }

        @Override
        public boolean isRunning() {
            return running != null;
        }
    }
}
