package org.enverify.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * B10: the servlet container Enverify runs on, on virtual threads as Enverify's is, with one servlet that
 * reads the body and answers B9's verify-sized JSON, and nothing else: no filters, no framework, no log
 * line. Started by the bench in a JVM of its own with Enverify's options, so that its CPU per request is
 * the floor of every Enverify request. Arguments: the port, and a scratch directory for Tomcat.
 */
public final class BareServlet {

    private BareServlet() {}

    public static void main(String[] args) throws Exception {
        byte[] body = Baselines.verifySizedBody();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(Path.of(args[1])).toString());
        Connector connector = new Connector();
        connector.setPort(Integer.parseInt(args[0]));
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("useVirtualThreads", "true");
        connector.setProperty("maxConnections", "1000"); // as Enverify's ENVERIFY_MAX_CONNECTIONS
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        // no annotation scanning: the servlet is registered here, and the scan needs jakarta.annotation
        context.setIgnoreAnnotations(true);
        Tomcat.addServlet(context, "verify", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                request.getInputStream().readAllBytes();
                response.setContentType("application/json");
                response.setHeader("Cache-Control", "no-store");
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
        });
        context.addServletMappingDecoded("/*", "verify");
        tomcat.start();
        tomcat.getServer().await();
    }
}
