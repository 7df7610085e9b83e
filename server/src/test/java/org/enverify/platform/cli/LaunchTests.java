package org.enverify.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class LaunchTests {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {}

    @AfterEach
    void clearRoles() {
        System.clearProperty("enverify.roles");
    }

    @Test
    void aFirstWordThatIsNotAnOptionIsACommand() {
        assertThat(Launch.of(new String[] {"realm", "list"}).isCommand()).isTrue();
        assertThat(Launch.of(new String[] {"reaml"}).isCommand()).isTrue();
        assertThat(Launch.of(new String[] {"--demo"}).isCommand()).isFalse();
        assertThat(Launch.of(new String[] {}).isCommand()).isFalse();
    }

    @Test
    void helpOptionsAndVerboseCommandsAreCommandsToo() {
        assertThat(Launch.of(new String[] {"--help"}).isCommand()).isTrue();
        assertThat(Launch.of(new String[] {"-h"}).isCommand()).isTrue();
        assertThat(Launch.of(new String[] {"--verbose", "realm", "list"}).isCommand())
                .isTrue();
        assertThat(Launch.of(new String[] {"--verbose"}).isCommand()).isFalse();
    }

    @Test
    void aCommandServesNoRoleWhateverTheEnvironmentSays() {
        System.setProperty("enverify.roles", "worker,ui");
        SpringApplication application =
                Launch.of(new String[] {"realm", "list"}).configure(new SpringApplication(Nothing.class));
        try (ConfigurableApplicationContext context = application.run()) {
            assertThat(context.getEnvironment().getProperty("enverify.roles")).isEqualTo("none");
        }
    }

    @Test
    void aServerKeepsItsConfiguredRoles() {
        System.setProperty("enverify.roles", "device-api");
        SpringApplication application =
                Launch.of(new String[] {"--demo"}).configure(new SpringApplication(Nothing.class));
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run()) {
            assertThat(context.getEnvironment().getProperty("enverify.roles")).isEqualTo("device-api");
        }
    }
}
