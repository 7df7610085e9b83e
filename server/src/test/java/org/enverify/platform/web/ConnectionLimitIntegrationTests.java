package org.enverify.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.enverify.support.EnverifyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The main port serves a bounded number of connections: requests run on virtual threads, which set no
 * bound of their own, and an overload once filled the heap with requests in flight.
 */
@EnverifyIntegrationTest
class ConnectionLimitIntegrationTests {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theMainPortServesAtMostAThousandConnectionsByDefault() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();

        assertThat(server.getTomcat().getConnector().getProperty("maxConnections"))
                .isEqualTo(1000);
        assertThat(server.getTomcat().getConnector().getProtocolHandler().getExecutor())
                .as("requests run on virtual threads, which is why the connections need a bound")
                .extracting(executor -> executor.getClass().getSimpleName())
                .asString()
                .contains("Virtual");
    }
}
