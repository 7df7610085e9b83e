package org.enverify.platform.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 blob store against a small in-memory S3 (path-style PUT, GET, list-type=2 listing, DELETE). */
class S3BlobStoreTests {

    @TempDir
    Path work;

    HttpServer server;
    final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    final List<String> authorizations = new ArrayList<>();
    S3BlobStore store;

    @BeforeEach
    void startFakeS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        store = new S3BlobStore(new S3Settings(
                "backups-bucket",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "eu-central-1",
                "AKIDEXAMPLE",
                "secret",
                true,
                "enverify/"));
    }

    @AfterEach
    void stop() {
        store.close();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        synchronized (authorizations) {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        }
        String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getRawQuery();
        if (!path.startsWith("/backups-bucket")) {
            respond(exchange, 404, "<Error><Code>NoSuchBucket</Code></Error>");
            return;
        }
        String key = path.length() > "/backups-bucket/".length() ? path.substring("/backups-bucket/".length()) : "";
        switch (exchange.getRequestMethod()) {
            case "PUT" -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String payload = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
                objects.put(key, payload != null && payload.startsWith("STREAMING-") ? awsChunked(body) : body);
                exchange.getResponseHeaders().add("ETag", "\"etag\"");
                respond(exchange, 200, "");
            }
            case "DELETE" -> {
                objects.remove(key);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            }
            case "GET" -> {
                if (key.isEmpty() && query != null && query.contains("list-type=2")) {
                    String prefix = parameter(query, "prefix");
                    StringBuilder xml = new StringBuilder(
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult><Name>backups-bucket</Name>");
                    int count = 0;
                    for (var object : new TreeMap<>(objects).entrySet()) {
                        if (object.getKey().startsWith(prefix)) {
                            count++;
                            xml.append("<Contents><Key>")
                                    .append(object.getKey())
                                    .append("</Key><Size>")
                                    .append(object.getValue().length)
                                    .append("</Size></Contents>");
                        }
                    }
                    xml.append("<KeyCount>").append(count).append("</KeyCount><IsTruncated>false</IsTruncated>");
                    respond(exchange, 200, xml.append("</ListBucketResult>").toString());
                } else if (objects.containsKey(key)) {
                    byte[] body = objects.get(key);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                } else {
                    respond(exchange, 404, "<Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>");
                }
            }
            default -> respond(exchange, 405, "");
        }
    }

    /** The body of a streaming-signed upload: {@code <hex size>;chunk-signature=...\r\n<data>\r\n}, ending with size 0. */
    private static byte[] awsChunked(byte[] body) {
        var decoded = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(body, at);
            String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                return decoded.toByteArray();
            }
            decoded.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i < body.length - 1; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("not aws-chunked");
    }

    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Test
    void storesListsReadsAndDeletesObjectsUnderThePrefix() throws Exception {
        Path file = Files.writeString(work.resolve("dump"), "-- a dump", StandardCharsets.UTF_8);
        store.put("backups/enverify-2.sql.gz", file);
        store.put("backups/enverify-1.sql.gz", file);
        store.put("exports/other.csv", file);

        assertThat(objects).containsKeys("enverify/backups/enverify-1.sql.gz", "enverify/exports/other.csv");
        assertThat(store.list("backups/"))
                .containsExactly(
                        new BlobStore.Blob("backups/enverify-1.sql.gz", 9),
                        new BlobStore.Blob("backups/enverify-2.sql.gz", 9));
        try (InputStream in = store.open("backups/enverify-2.sql.gz")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("-- a dump");
        }
        store.delete("backups/enverify-1.sql.gz");
        assertThat(store.list(""))
                .extracting(BlobStore.Blob::key)
                .containsExactly("backups/enverify-2.sql.gz", "exports/other.csv");
        assertThatThrownBy(() -> store.open("backups/enverify-1.sql.gz")).isInstanceOf(NoSuchFileException.class);
        assertThat(authorizations)
                .allMatch(header -> header != null
                        && header.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                        && header.contains("/eu-central-1/s3/aws4_request"));
    }
}
