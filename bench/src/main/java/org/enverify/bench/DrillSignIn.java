package org.enverify.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at the web UI for the failure drills: each visit is a fresh session that signs in with email,
 * password and the form's CSRF token, then opens a page, as a case worker starting a day does. Cookies are
 * kept by hand: the UI marks them {@code Secure} when its proxy says the visitor came over HTTPS, as the
 * sample HAProxy configuration does, and a client's cookie store would not send them back over the drills'
 * plain HTTP.
 */
final class DrillSignIn {

    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

    private final HttpClient client;
    private final URI base;
    private final String email;
    private volatile String password;

    DrillSignIn(HttpClient client, URI base, String email, String generatedPassword) {
        this.client = client;
        this.base = base;
        this.email = email;
        this.password = generatedPassword;
    }

    /** The account starts with a generated password that its first sign-in must replace. */
    void chooseOwnPassword() throws Exception {
        Session session = new Session();
        HttpResponse<String> form = session.follow(session.signIn(password));
        if (form.statusCode() != 200 || !form.uri().getPath().equals("/login/change-password")) {
            throw new IllegalStateException(
                    "the UI account's first sign-in ended at " + form.uri().getPath() + " (" + form.statusCode()
                            + ") instead of the page that asks for a new password");
        }
        String chosen = HexFormat.of().formatHex(Baselines.random(16));
        HttpResponse<String> changed = session.post(
                "/login/change-password",
                Map.of(
                        "currentPassword", password,
                        "password", chosen,
                        "confirmation", chosen,
                        "_csrf", session.csrfToken(form)));
        if (changed.statusCode() != 302) {
            throw new IllegalStateException("changing the UI account's password answered " + changed.statusCode());
        }
        password = chosen;
    }

    /** The page's status, or what refused the sign-in: its status, or 401 when it sent the visitor back. */
    int signInAndOpen(String page) throws Exception {
        Session session = new Session();
        HttpResponse<String> signedIn = session.signIn(password);
        if (signedIn.statusCode() != 302) {
            return signedIn.statusCode();
        }
        if (!signedIn.headers().firstValue("Location").orElse("").contains("/login/continue")) {
            return 401;
        }
        return session.get(page).statusCode();
    }

    private final class Session {

        private final Map<String, String> cookies = new LinkedHashMap<>();

        HttpResponse<String> signIn(String withPassword) throws Exception {
            String token = csrfToken(get("/login"));
            return post("/login", Map.of("email", email, "password", withPassword, "_csrf", token));
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(request(path).GET());
        }

        /** Follows the answer's redirects, as a browser does, to the page they end at. */
        HttpResponse<String> follow(HttpResponse<String> answer) throws Exception {
            HttpResponse<String> current = answer;
            for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
                URI next = current.uri()
                        .resolve(current.headers().firstValue("Location").orElseThrow());
                current = get(next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
            }
            return current;
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                    .collect(Collectors.joining("&"));
            return send(request(path)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        }

        String csrfToken(HttpResponse<String> page) {
            Matcher input = CSRF_INPUT.matcher(page.body());
            if (input.find()) {
                Matcher value = VALUE.matcher(input.group());
                if (value.find()) {
                    return value.group(1);
                }
            }
            throw new IllegalStateException("no CSRF token in the page (status " + page.statusCode() + ")");
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
            if (!cookies.isEmpty()) {
                request.header(
                        "Cookie",
                        cookies.entrySet().stream()
                                .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                                .collect(Collectors.joining("; ")));
            }
            return request;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    cookies.put(
                            pair.substring(0, equals).strip(),
                            pair.substring(equals + 1).strip());
                }
            }
            return response;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
