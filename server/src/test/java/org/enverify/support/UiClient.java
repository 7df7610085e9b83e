package org.enverify.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without JavaScript, over real HTTP: it keeps cookies, does not follow redirects (tests
 * look at them), and reads the CSRF token of the last page to post forms with it.
 */
public class UiClient {

    private final HttpClient http;
    private final String base;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String csrf;

    public UiClient(int port) {
        this.base = "http://localhost:" + port;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends this header with every later request, such as {@code Accept-Language}. */
    public UiClient header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public record Page(int status, String location, String body, HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The first group of the pattern in the body, or a failure that shows the body. */
        public String find(String regex) {
            Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no " + regex + " in the page:\n" + body);
            }
            return matcher.group(1);
        }

        /** The page as a browser reads it, to look at with CSS selectors rather than at its markup. */
        public Document html() {
            return Jsoup.parse(body);
        }

        /** The text of the first element the selector finds, or a failure that shows the page. */
        public String text(String cssSelector) {
            return first(cssSelector).text();
        }

        /** An attribute of the first element the selector finds, or a failure that shows the page. */
        public String attribute(String cssSelector, String name) {
            return first(cssSelector).attr(name);
        }

        /** Whether the selector finds an element, such as a form's field: {@code "[name=testType]"}. */
        public boolean has(String cssSelector) {
            return html().selectFirst(cssSelector) != null;
        }

        private Element first(String cssSelector) {
            Element element = html().selectFirst(cssSelector);
            if (element == null) {
                throw new AssertionError("nothing matches " + cssSelector + " in the page:\n" + body);
            }
            return element;
        }
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** Posts a form with the CSRF token of the last page that had one. */
    public Page post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        if (csrf != null) {
            withToken.putIfAbsent("_csrf", csrf);
        }
        return postExactly(path, withToken);
    }

    /**
     * Posts a form of a destructive action as its confirmation page does: with {@code confirmed=yes} and the CSRF
     * token of the last page.
     */
    public Page postConfirmed(String path, Map<String, String> fields) {
        Map<String, String> confirmed = new LinkedHashMap<>(fields);
        confirmed.put("confirmed", "yes");
        return post(path, confirmed);
    }

    /** Posts exactly these fields: no CSRF token unless the test adds one. */
    public Page postExactly(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Uploads a file as a browser form does, with the CSRF token of the last page as a form field. */
    public Page postFile(String path, String field, String fileName, byte[] content) {
        String boundary = "----enverify" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String token = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n";
        String fileHead = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n";
        body.writeBytes(token.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(fileHead.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Posts JSON as Spring Security's WebAuthn script does, with the CSRF token of the last page in a header. */
    public Page postJson(String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(request);
    }

    /** Signs in and follows the redirects to the landing page; returns that page. */
    public Page signIn(String email, String password) {
        get("/login");
        Page response = post("/login", Map.of("email", email, "password", password));
        return follow(response);
    }

    /** Follows redirects from a response until a page. */
    public Page follow(Page page) {
        Page current = page;
        for (int hops = 0; hops < 10 && current.status() / 100 == 3; hops++) {
            String location = current.location();
            current = get(location.startsWith("http") ? URI.create(location).getRawPath() + query(location) : location);
        }
        return current;
    }

    private static String query(String location) {
        String query = URI.create(location).getRawQuery();
        return query == null ? "" : "?" + query;
    }

    private Page send(HttpRequest.Builder request) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Element token = Jsoup.parse(response.body()).selectFirst("input[name=_csrf]");
            if (token != null) {
                csrf = token.attr("value");
            }
            return new Page(
                    response.statusCode(),
                    response.headers().firstValue("Location").orElse(null),
                    response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
