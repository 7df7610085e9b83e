package org.enverify;

import org.enverify.platform.cli.Launch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.modulith.Modulithic;
import org.springframework.stereotype.Controller;

/**
 * One jar for every role and the CLI. Controllers are never picked up by component scanning: each
 * role's configuration imports its own, so a process without a role has none of that role's routes.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan
@ComponentScan(
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = Controller.class)
        })
@Modulithic(sharedModules = "platform")
public class EnverifyApplication {

    public static void main(String[] args) {
        Launch launch = Launch.of(args);
        if (launch.isCommand()) {
            System.exit(launch.runCommand(new SpringApplication(EnverifyApplication.class)));
        }
        launch.configure(new SpringApplication(EnverifyApplication.class)).run(args);
    }
}
