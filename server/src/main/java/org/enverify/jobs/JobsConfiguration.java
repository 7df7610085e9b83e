package org.enverify.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** What every role needs to hand work to the workers. */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    @Bean
    JobTasks jobTasks(
            ObjectProvider<PeriodicTask> periodic,
            ObjectProvider<OneTimeJob<?>> oneTime,
            JobsSettings settings,
            JobRuns runs,
            FailedJobs failed) {
        return new JobTasks(
                periodic.orderedStream().toList(), oneTime.orderedStream().toList(), settings, runs, failed);
    }

    /** Schedules through the caller's transaction, so a job is enqueued exactly when its cause commits. */
    @Bean
    SchedulerClient schedulerClient(DataSource dataSource, JobTasks tasks) {
        List<Task<?>> all = tasks.all();
        return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), all)
                .serializer(new JsonTaskSerializer())
                .jdbcCustomization(new PostgreSqlJdbcCustomization(false, false))
                .build();
    }
}
