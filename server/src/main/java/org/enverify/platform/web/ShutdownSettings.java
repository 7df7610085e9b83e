package org.enverify.platform.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a process stops.
 *
 * @param shutdownDrainDelay how long a stopping process keeps serving with readiness down before it
 *     refuses connections ({@code ENVERIFY_SHUTDOWN_DRAIN_DELAY}); {@code 0s} where something else
 *     waits first, such as the Helm chart's preStop sleep
 */
@ConfigurationProperties("enverify")
public record ShutdownSettings(@DefaultValue("0s") Duration shutdownDrainDelay) {}
