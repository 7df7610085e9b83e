package org.enverify.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for the servers a test starts itself (a second Enverify, PostgreSQL, Redis, nginx). */
public final class LocalPorts {

    private LocalPorts() {}

    /** A port nothing listens on right now; the system picks it, so parallel tests do not collide. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
