package org.enverify.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ProcessRoleTests {

    @Test
    void parsesRoleListsAllAndNone() {
        assertThat(ProcessRole.parse("all")).isEqualTo(EnumSet.allOf(ProcessRole.class));
        assertThat(ProcessRole.parse("")).isEqualTo(EnumSet.allOf(ProcessRole.class));
        assertThat(ProcessRole.parse("none")).isEmpty();
        assertThat(ProcessRole.parse(" Device-API , admin-api"))
                .containsExactlyInAnyOrder(ProcessRole.DEVICE_API, ProcessRole.ADMIN_API);
        assertThat(ProcessRole.parse("worker,all")).isEqualTo(EnumSet.allOf(ProcessRole.class));
    }

    @Test
    void refusesUnknownRolesByName() {
        assertThatThrownBy(() -> ProcessRole.parse("ui,cron"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cron'");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole(ProcessRole.WORKER)
    static class WorkerOnly {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole({ProcessRole.DEVICE_API, ProcessRole.ADMIN_API})
    static class EitherApi {}

    @Test
    void aConfigurationExistsOnlyWhereOneOfItsRolesRuns() {
        ApplicationContextRunner runner =
                new ApplicationContextRunner().withUserConfiguration(WorkerOnly.class, EitherApi.class);
        runner.run(
                context -> assertThat(context).hasSingleBean(WorkerOnly.class).hasSingleBean(EitherApi.class));
        runner.withPropertyValues("enverify.roles=ui")
                .run(context ->
                        assertThat(context).doesNotHaveBean(WorkerOnly.class).doesNotHaveBean(EitherApi.class));
        runner.withPropertyValues("enverify.roles=admin-api")
                .run(context ->
                        assertThat(context).doesNotHaveBean(WorkerOnly.class).hasSingleBean(EitherApi.class));
        runner.withPropertyValues("enverify.roles=worker,device-api")
                .run(context ->
                        assertThat(context).hasSingleBean(WorkerOnly.class).hasSingleBean(EitherApi.class));
        runner.withPropertyValues("enverify.roles=none")
                .run(context ->
                        assertThat(context).doesNotHaveBean(WorkerOnly.class).doesNotHaveBean(EitherApi.class));
    }
}
