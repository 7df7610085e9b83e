package org.enverify.platform.web;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Keeps serving for {@code ENVERIFY_SHUTDOWN_DRAIN_DELAY} once the process is asked to stop, while
 * readiness already answers 503 {@code OUT_OF_SERVICE}, so that a load balancer that polls
 * readiness takes the process out before it refuses connections. Spring Boot turns readiness to
 * refusing traffic before it announces the close; this listener runs first among those that hear
 * the announcement, ahead of the one that closes the management port's context, and the web
 * server's graceful shutdown only begins after it.
 */
@Component
class ShutdownDrain implements ApplicationListener<ContextClosedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final ApplicationContext context;
    private final Duration delay;

    ShutdownDrain(ApplicationContext context, ShutdownSettings settings) {
        this.context = context;
        this.delay = settings.shutdownDrainDelay();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        // a CLI command serves nothing and must not wait; nor do the management port's own context
        if (event.getApplicationContext() != context
                || !(context instanceof WebServerApplicationContext)
                || delay.isZero()
                || delay.isNegative()) {
            return;
        }
        log.info("Stopping: readiness is down; serving for {} more before refusing connections", delay);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
