package org.enverify.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One WireMock server for the whole test run, started before the first application context that
 * points at it ({@code test.third-parties.port}); tests reset it between them.
 */
public final class ThirdParties implements BeforeAllCallback {

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort());
            server.start();
            System.setProperty("test.third-parties.port", Integer.toString(server.port()));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }
}
