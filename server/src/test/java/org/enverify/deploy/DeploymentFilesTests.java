package org.enverify.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.enverify.support.LocalPorts;
import org.enverify.support.Programs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the deployment files in {@code deploy/} and {@code .github/workflows/} without a container
 * engine, which this build does not have.
 *
 * <p>What is proven: every YAML file parses (except the Helm templates, which are Go templates and
 * have {@code HelmChartTests}); compose runs each role as its own service with a health check and
 * only depends on services that exist; the Dockerfile has two stages, runs as a non-root user and
 * starts the jar with its AOT cache; nginx and HAProxy send every API path to the right role and refuse
 * {@code /internal} (by evaluating their location and ACL rules, as the two proxies do); the smoke
 * test script is executable and parses. When {@code nginx} or {@code haproxy} is on the PATH, their
 * own configuration checks run too; otherwise those two tests are skipped. What is not proven: that
 * the image builds, that compose starts, or that the workflows run; that needs docker and GitHub.
 */
class DeploymentFilesTests {

    private static final Path ROOT = Path.of("..");
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final Path WORKFLOWS = ROOT.resolve(".github").resolve("workflows");
    private static final Path COMPOSE = DEPLOY.resolve("compose.yaml");
    private static final Path DOCKERFILE = DEPLOY.resolve("Dockerfile");
    private static final Path NGINX = DEPLOY.resolve("nginx").resolve("enverify.conf");
    private static final Path HAPROXY = DEPLOY.resolve("haproxy").resolve("haproxy.cfg");
    private static final Path SMOKE_TEST = DEPLOY.resolve("smoke-test.sh");

    private static final List<String> ROLES = List.of("ui", "device-api", "admin-api", "redirect", "worker");
    private static final String AOT_CACHE = "enverify.aot";

    /** A path a client may call, and the role that must answer it. */
    private static final Map<String, String> ROUTES = orderedMap(
            "/api/verify", "device-api",
            "/api/certificate", "device-api",
            "/api/user-report", "device-api",
            "/openapi.yaml", "device-api",
            "/api/issue", "admin-api",
            "/api/batch-issue", "admin-api",
            "/api/checkcodestatus", "admin-api",
            "/api/expirecode", "admin-api",
            "/api/stats/realm.json", "admin-api",
            "/api/v1/codes", "admin-api",
            "/.well-known/apple-app-site-association", "redirect",
            "/.well-known/assetlinks.json", "redirect",
            "/report", "redirect",
            "/jwks/system", "ui",
            "/jwks/42", "ui",
            "/health", "ui",
            "/", "ui",
            "/login", "ui");

    private static final Set<String> ADMIN_PATHS = Set.of(
            "/api/issue",
            "/api/batch-issue",
            "/api/checkcodestatus",
            "/api/expirecode",
            "/api/stats/realm.json",
            "/api/v1/codes");

    /** Paths no proxy may pass on: the operators' job triggers, and spellings that reach them. */
    private static final List<String> BLOCKED = List.of("/internal", "/internal/jobs/cleanup", "/;x/internal/jobs");

    private static final Map<String, String> HAPROXY_BACKENDS = orderedMap(
            "ui", "be_ui",
            "device-api", "be_device_api",
            "admin-api", "be_admin_api",
            "redirect", "be_redirect");

    // ---------------------------------------------------------------- YAML

    static Stream<Path> yamlFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(DEPLOY, WORKFLOWS)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .filter(file -> file.getFileName().toString().matches(".*\\.ya?ml"))
                        .filter(file -> !isHelmTemplate(file))
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files.stream();
    }

    private static boolean isHelmTemplate(Path file) {
        Path relative = DEPLOY.relativize(file);
        return relative.getNameCount() > 1
                && relative.getName(0).toString().equals("helm")
                && Stream.iterate(file.getParent(), p -> p != null && !p.equals(DEPLOY), Path::getParent)
                        .anyMatch(p -> p.getFileName().toString().equals("templates"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlFiles")
    void yamlFileParses(Path file) {
        String text = read(file);
        List<Object> documents = new ArrayList<>();

        // loadAll is lazy: iterating parses every document of the file
        yaml().loadAll(text).forEach(documents::add);

        assertThat(documents).as(file.toString()).hasSizeGreaterThanOrEqualTo(text.isBlank() ? 0 : 1);
    }

    @Test
    void theYamlFilesIncludeComposeAndBothWorkflows() throws IOException {
        assertThat(yamlFiles().map(file -> ROOT.relativize(file).toString().replace('\\', '/')))
                .contains("deploy/compose.yaml", ".github/workflows/ci.yml", ".github/workflows/release.yml")
                .noneMatch(name -> name.startsWith("deploy/helm/") && name.contains("/templates/"));
    }

    // ---------------------------------------------------------------- compose

    @Test
    void composeRunsEachRoleAsItsOwnServiceWithAHealthCheck() {
        Map<String, Object> services = map(yamlMap(COMPOSE), "services");

        Map<String, String> roleByService = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            String roles = environment(asMap(service)).get("ENVERIFY_ROLES");
            if (roles != null) {
                roleByService.put(name, roles);
            }
        });

        assertThat(roleByService.values()).containsExactlyInAnyOrderElementsOf(ROLES);
        for (String name : roleByService.keySet()) {
            Map<String, Object> service = map(services, name);
            Map<String, String> environment = environment(service);
            assertThat(map(service, "healthcheck").get("test"))
                    .as("health check of %s, on the management port", name)
                    .asString()
                    .contains("/actuator/health/readiness", "/dev/tcp/127.0.0.1/8081");
            assertThat(map(service, "build"))
                    .as("%s is built from deploy/Dockerfile", name)
                    .containsEntry("context", "..")
                    .containsEntry("dockerfile", "deploy/Dockerfile");
            assertThat(environment)
                    .as("%s shares the database, Redis and the master keyset", name)
                    .containsEntry("ENVERIFY_DATABASE_URL", "jdbc:postgresql://postgres:5432/enverify")
                    .containsEntry("ENVERIFY_REDIS_URL", "redis://redis:6379/0")
                    .containsKey("ENVERIFY_RABBITMQ_URL")
                    .containsKey("ENVERIFY_MASTER_KEYSET");
            assertThat(list(service, "volumes"))
                    .as("%s mounts the keyset volume", name)
                    .anySatisfy(volume -> assertThat(String.valueOf(volume)).startsWith("keyset:/var/lib/enverify"));
        }
        assertThat(roleByService.keySet().stream()
                        .map(name -> map(services, name).get("image")))
                .as("one image for every role")
                .containsOnly("enverify:local");
        assertThat(Files.isRegularFile(ROOT.resolve("deploy/Dockerfile"))).isTrue();
    }

    @Test
    void composeHasTheServicesAroundEnverify() {
        Map<String, Object> services = map(yamlMap(COMPOSE), "services");

        assertThat(services).containsKeys("postgres", "redis", "rabbitmq", "mailpit", "minio", "proxy");
        assertThat(map(services, "postgres")).containsEntry("image", "postgres:17");
        assertThat(map(map(services, "postgres"), "healthcheck").get("test"))
                .asString()
                .contains("pg_isready");
        assertThat(map(services, "redis")).containsEntry("image", "redis:7");
        assertThat(map(map(services, "redis"), "healthcheck").get("test"))
                .asString()
                .contains("redis-cli", "ping");
        assertThat(map(services, "rabbitmq")).containsEntry("image", "rabbitmq:3-management");
        assertThat(map(services, "rabbitmq")).containsKey("healthcheck");
        assertThat(String.valueOf(map(services, "mailpit").get("image"))).startsWith("axllent/mailpit");
        assertThat(services.values().stream()
                        .map(service -> String.valueOf(asMap(service).get("image"))))
                .as("a one-shot minio/mc service creates the bucket")
                .anyMatch(image -> image.startsWith("minio/mc"));

        Map<String, Object> proxy = map(services, "proxy");
        assertThat(String.valueOf(proxy.get("image"))).startsWith("nginx");
        assertThat(list(proxy, "volumes"))
                .anySatisfy(volume -> assertThat(String.valueOf(volume))
                        .startsWith("./nginx/enverify.conf:/etc/nginx/conf.d/default.conf"));
    }

    @Test
    void composeDependsOnlyOnServicesThatExistAndCanBeWaitedFor() {
        Map<String, Object> services = map(yamlMap(COMPOSE), "services");

        Map<String, Set<String>> graph = new HashMap<>();
        services.forEach((name, value) -> {
            Map<String, Object> service = asMap(value);
            Map<String, String> conditions = dependsOn(service);
            graph.put(name, conditions.keySet());
            conditions.forEach((dependency, condition) -> {
                assertThat(services).as("%s depends on %s", name, dependency).containsKey(dependency);
                assertThat(condition)
                        .as("condition of %s on %s", name, dependency)
                        .isIn("service_started", "service_healthy", "service_completed_successfully");
                if (condition.equals("service_healthy")) {
                    assertThat(map(services, dependency))
                            .as("%s waits for %s to be healthy, so it needs a health check", name, dependency)
                            .containsKey("healthcheck");
                }
            });
        });
        assertThat(cycle(graph)).as("a dependency cycle").isEmpty();

        for (String role : ROLES) {
            Map<String, String> conditions = dependsOn(map(services, roleServiceName(services, role)));
            assertThat(conditions).as("%s waits for the database", role).containsEntry("postgres", "service_healthy");
            assertThat(conditions).as("%s waits for Redis", role).containsEntry("redis", "service_healthy");
        }
    }

    private static String roleServiceName(Map<String, Object> services, String role) {
        return services.entrySet().stream()
                .filter(entry ->
                        role.equals(environment(asMap(entry.getValue())).get("ENVERIFY_ROLES")))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no compose service runs " + role));
    }

    private static Map<String, String> dependsOn(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn instanceof List<?> names) {
            names.forEach(name -> conditions.put(String.valueOf(name), "service_started"));
        } else if (dependsOn instanceof Map<?, ?> entries) {
            entries.forEach((name, settings) -> conditions.put(
                    String.valueOf(name),
                    String.valueOf(asMap(settings).getOrDefault("condition", "service_started"))));
        }
        return conditions;
    }

    private static List<String> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new HashSet<>();
        for (String start : graph.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> found = visit(start, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(
            String node, Map<String, Set<String>> graph, Deque<String> path, Set<String> done) {
        if (path.contains(node)) {
            List<String> cycle = new ArrayList<>(path);
            cycle.add(node);
            return cycle;
        }
        if (!done.add(node)) {
            return List.of();
        }
        path.addLast(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = visit(next, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.removeLast();
        return List.of();
    }

    // ---------------------------------------------------------------- Dockerfile

    @Test
    void dockerfileBuildsInTwoStagesAndRunsTheJarWithItsAotCacheAsNonRoot() {
        List<String[]> instructions = dockerInstructions(read(DOCKERFILE));

        List<String> stages = arguments(instructions, "FROM");
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).startsWith("eclipse-temurin:25-jdk").contains(" AS build");
        assertThat(stages.get(1)).isEqualTo("eclipse-temurin:25-jre");

        List<String> users = arguments(instructions, "USER");
        assertThat(users).isNotEmpty();
        String user = users.getLast().split(":")[0];
        assertThat(user).as("the runtime user").isNotIn("root", "0");

        List<String> entrypoints = arguments(instructions, "ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);
        assertThat(entrypoints.getFirst())
                .isEqualTo("[\"java\", \"-XX:AOTCache=" + AOT_CACHE + "\", \"-jar\", \"enverify.jar\"]");

        String runtime = String.join("\n", arguments(lastStage(instructions), "COPY"));
        assertThat(runtime)
                .containsSubsequence(
                        "--from=build /layers/dependencies/",
                        "--from=build /layers/spring-boot-loader/",
                        "--from=build /layers/snapshot-dependencies/",
                        "--from=build /layers/application/");
        assertThat(String.join("\n", arguments(instructions, "ENV")))
                .contains("ENVERIFY_ROLES=all", "ENVERIFY_DATA_DIR=/var/lib/enverify")
                .contains(
                        "-XX:MaxRAMPercentage=60",
                        "-XX:+UseSerialGC",
                        "-XX:MaxMetaspaceSize=128m",
                        "-Xss512k",
                        "-XX:+ExitOnOutOfMemoryError",
                        "--enable-native-access=ALL-UNNAMED",
                        "-XX:NewSize=24m",
                        "-XX:TrimNativeHeapInterval=5000");
        assertThat(arguments(instructions, "EXPOSE"))
                .as("the application's port and the management port")
                .containsExactly("8080 8081");
        assertThat(String.join("\n", arguments(instructions, "RUN")))
                .contains("./mvnw -B -q dependency:go-offline")
                .contains("./mvnw -B -q -DskipTests package")
                .contains("java -Djarmode=tools -jar enverify.jar extract --layers --destination /layers");
        String training = String.join("\n", arguments(lastStage(instructions), "RUN"));
        assertThat(training)
                .as("the AOT cache is trained in the runtime stage, as the runtime user, and left read-only")
                .contains("setpriv --reuid=10001")
                .contains("-XX:AOTCacheOutput=")
                .contains("-Dspring.context.exit=onRefresh -jar enverify.jar")
                .contains("install -m 0444 -o root -g root \"$training/" + AOT_CACHE + "\" " + AOT_CACHE);
    }

    @Test
    void dockerfileCopiesEveryModulePomAndOnlyFilesThatExist() {
        List<String[]> instructions = dockerInstructions(read(DOCKERFILE));
        List<String> buildCopies = arguments(instructions.subList(0, indexOfLastFrom(instructions)), "COPY");

        List<String> sources = new ArrayList<>();
        for (String copy : buildCopies) {
            String[] words = copy.split("\\s+");
            for (int i = 0; i < words.length - 1; i++) {
                if (!words[i].startsWith("--")) {
                    sources.add(words[i]);
                }
            }
        }
        assertThat(sources)
                .allSatisfy(source -> assertThat(ROOT.resolve(source))
                        .as("COPY source %s", source)
                        .exists());

        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(read(ROOT.resolve("pom.xml")));
        List<String> modulePoms = new ArrayList<>();
        while (modules.find()) {
            modulePoms.add(modules.group(1).trim() + "/pom.xml");
        }
        assertThat(modulePoms).isNotEmpty();
        assertThat(sources)
                .as("the dependency layer needs every module's pom")
                .contains("pom.xml")
                .containsAll(modulePoms);

        assertThat(read(ROOT.resolve(".dockerignore")).lines().map(String::strip))
                .contains("target/", ".git/", "var/", "bench/results/");
    }

    /** Instructions with continuation lines joined and comments dropped: {keyword, arguments}. */
    private static List<String[]> dockerInstructions(String dockerfile) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.lines().toList()) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String instruction = current.toString().strip();
            current.setLength(0);
            if (!instruction.isEmpty()) {
                String[] parts = instruction.split("\\s+", 2);
                instructions.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""});
            }
        }
        return instructions;
    }

    private static List<String> arguments(List<String[]> instructions, String keyword) {
        return instructions.stream()
                .filter(instruction -> instruction[0].equals(keyword))
                .map(instruction -> instruction[1])
                .toList();
    }

    private static int indexOfLastFrom(List<String[]> instructions) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (instructions.get(i)[0].equals("FROM")) {
                return i;
            }
        }
        throw new AssertionError("no FROM");
    }

    private static List<String[]> lastStage(List<String[]> instructions) {
        return instructions.subList(indexOfLastFrom(instructions), instructions.size());
    }

    // ---------------------------------------------------------------- nginx

    @Test
    void nginxSendsEveryPathToItsRole() {
        Nginx nginx = Nginx.parse(read(NGINX));

        ROUTES.forEach((path, role) ->
                assertThat(nginx.route(path)).as("nginx: %s", path).isEqualTo(role));
    }

    @Test
    void nginxRefusesInternalPathsAndKeepsTheAdminApiToTheOffice() {
        Nginx nginx = Nginx.parse(read(NGINX));

        assertThat(read(NGINX)).containsPattern("location\\s+/internal\\s*\\{\\s*return\\s+403;\\s*}");
        for (String path : BLOCKED) {
            assertThat(nginx.route(path)).as("nginx: %s", path).matches("4\\d\\d");
        }
        assertThat(nginx.route("/internal/jobs/cleanup")).isEqualTo("403");
        ROUTES.keySet().forEach(path -> {
            String body = nginx.location(path).body();
            if (ADMIN_PATHS.contains(path)) {
                assertThat(body).as("nginx: %s", path).contains("deny all;").containsPattern("allow\\s+\\S+;");
            } else {
                assertThat(body).as("nginx: %s is public", path).doesNotContain("deny");
            }
        });
    }

    /** The server block's locations, matched as nginx matches them. */
    private record Nginx(List<Location> locations, Map<String, String> variables) {

        private static final Pattern LOCATION = Pattern.compile(
                "location\\s+(?:(=|\\^~|~\\*|~)\\s+)?(\"[^\"]*\"|[^\\s{]+)\\s*\\{([^{}]*)}", Pattern.DOTALL);
        private static final Pattern SET = Pattern.compile("(?m)^\\s*set\\s+(\\$\\w+)\\s+(\\S+);");
        private static final Pattern PROXY_PASS = Pattern.compile("proxy_pass\\s+(\\S+);");
        private static final Pattern RETURN = Pattern.compile("return\\s+(\\d{3})\\b");
        private static final Pattern UPSTREAM = Pattern.compile("https?://([^:/]+)(?::\\d+)?/?");

        record Location(String modifier, String pattern, String body) {}

        static Nginx parse(String config) {
            String text = config.replaceAll("(?m)#.*$", "");
            List<Location> locations = new ArrayList<>();
            Matcher matcher = LOCATION.matcher(text);
            while (matcher.find()) {
                String pattern = matcher.group(2);
                if (pattern.startsWith("\"")) {
                    pattern = pattern.substring(1, pattern.length() - 1);
                }
                locations.add(
                        new Location(matcher.group(1) == null ? "" : matcher.group(1), pattern, matcher.group(3)));
            }
            Map<String, String> variables = new HashMap<>();
            Matcher set = SET.matcher(text);
            while (set.find()) {
                variables.put(set.group(1), set.group(2));
            }
            assertThat(locations).as("nginx locations").isNotEmpty();
            return new Nginx(locations, variables);
        }

        /** nginx's order: an exact match; else the longest prefix if it is ^~; else the first matching regex; else that prefix. */
        Location location(String path) {
            Optional<Location> exact = locations.stream()
                    .filter(l -> l.modifier().equals("=") && l.pattern().equals(path))
                    .findFirst();
            if (exact.isPresent()) {
                return exact.get();
            }
            Location prefix = locations.stream()
                    .filter(l -> (l.modifier().isEmpty() || l.modifier().equals("^~")) && path.startsWith(l.pattern()))
                    .max((a, b) ->
                            Integer.compare(a.pattern().length(), b.pattern().length()))
                    .orElse(null);
            if (prefix != null && prefix.modifier().equals("^~")) {
                return prefix;
            }
            for (Location l : locations) {
                if (l.modifier().startsWith("~")) {
                    int flags = l.modifier().equals("~*") ? Pattern.CASE_INSENSITIVE : 0;
                    if (Pattern.compile(l.pattern(), flags).matcher(path).find()) {
                        return l;
                    }
                }
            }
            if (prefix == null) {
                throw new AssertionError("no nginx location matches " + path);
            }
            return prefix;
        }

        /** The upstream host (the compose service) a path goes to, or the status nginx answers itself. */
        String route(String path) {
            Location location = location(path);
            Matcher status = RETURN.matcher(location.body());
            if (status.find()) {
                return status.group(1);
            }
            Matcher pass = PROXY_PASS.matcher(location.body());
            if (!pass.find()) {
                throw new AssertionError("nginx location " + location.pattern() + " neither returns nor proxies");
            }
            String target = variables.getOrDefault(pass.group(1), pass.group(1));
            Matcher upstream = UPSTREAM.matcher(target);
            if (!upstream.matches()) {
                throw new AssertionError("nginx proxies " + path + " to " + target + ", not to a role");
            }
            return upstream.group(1);
        }
    }

    // ---------------------------------------------------------------- HAProxy

    @Test
    void haproxySendsEveryPathToItsRole() {
        HaProxy haproxy = HaProxy.parse(read(HAPROXY));

        ROUTES.forEach((path, role) ->
                assertThat(haproxy.route(path, true)).as("haproxy: %s", path).isEqualTo(HAPROXY_BACKENDS.get(role)));
    }

    @Test
    void haproxyRefusesInternalPathsAndKeepsTheAdminApiToTheOffice() {
        HaProxy haproxy = HaProxy.parse(read(HAPROXY));

        for (String path : BLOCKED) {
            assertThat(haproxy.route(path, true)).as("haproxy: %s", path).matches("4\\d\\d");
        }
        assertThat(haproxy.route("/internal/jobs/cleanup", true)).isEqualTo("403");
        for (String path : List.of("//internal/jobs", "/%69nternal/jobs", "/api/../internal/jobs", "/./internal")) {
            assertThat(haproxy.route(path, true)).as("haproxy: %s", path).matches("4\\d\\d");
        }
        ROUTES.forEach((path, role) -> assertThat(haproxy.route(path, false))
                .as("haproxy from outside the office: %s", path)
                .isEqualTo(ADMIN_PATHS.contains(path) ? "403" : HAPROXY_BACKENDS.get(role)));
        assertThat(read(HAPROXY)).contains("acl office src 10.0.0.0/8 192.168.0.0/16");
    }

    @Test
    void haproxyChecksReadinessAndHasABackupServerInEveryBackend() {
        HaProxy haproxy = HaProxy.parse(read(HAPROXY));

        assertThat(haproxy.section("defaults").stream().map(line -> String.join(" ", line)))
                .anySatisfy(line -> assertThat(line)
                        .as("checks go to the management port")
                        .startsWith("default-server")
                        .contains("inter 2s fall 2 rise 2", "port 8081"));
        for (String backend : HAPROXY_BACKENDS.values()) {
            List<String> lines = haproxy.section("backend " + backend).stream()
                    .map(line -> String.join(" ", line))
                    .toList();
            assertThat(lines)
                    .as(backend)
                    .contains("option httpchk GET /actuator/health/readiness", "http-check expect status 200");
            List<String> servers =
                    lines.stream().filter(line -> line.startsWith("server ")).toList();
            assertThat(servers)
                    .as(backend)
                    .allSatisfy(server -> assertThat(server).containsPattern("\\scheck(\\s|$)"));
            assertThat(servers).as(backend).anyMatch(server -> !server.matches(".*\\sbackup(\\s.*)?"));
            assertThat(servers).as(backend).anyMatch(server -> server.matches(".*\\sbackup(\\s.*)?"));
        }
    }

    /** A frontend's ACLs and rules, evaluated as HAProxy does: http-request deny rules first, then use_backend. */
    private record HaProxy(Map<String, List<List<String>>> sections) {

        static HaProxy parse(String config) {
            Map<String, List<List<String>>> sections = new LinkedHashMap<>();
            List<List<String>> current = null;
            for (String line : config.lines().toList()) {
                List<String> words = words(line);
                if (words.isEmpty()) {
                    continue;
                }
                if (!Character.isWhitespace(line.charAt(0))) {
                    current = new ArrayList<>();
                    sections.put(String.join(" ", words), current);
                } else if (current != null) {
                    current.add(words);
                }
            }
            return new HaProxy(sections);
        }

        /** Splits a line as HAProxy does for these files: single quotes keep their content, # starts a comment. */
        static List<String> words(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '\'') {
                        quoted = false;
                    } else {
                        word.append(c);
                    }
                } else if (c == '\'') {
                    quoted = true;
                    word = word == null ? new StringBuilder() : word;
                } else if (c == '#' && word == null) {
                    break;
                } else if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else {
                    word = word == null ? new StringBuilder() : word;
                    word.append(c);
                }
            }
            if (word != null) {
                words.add(word.toString());
            }
            return words;
        }

        List<List<String>> section(String name) {
            List<List<String>> lines = sections.get(name);
            if (lines == null) {
                throw new AssertionError("haproxy.cfg has no section '" + name + "'");
            }
            return lines;
        }

        /** The single frontend that binds a public port. */
        List<List<String>> frontend() {
            List<String> names = sections.keySet().stream()
                    .filter(name -> name.startsWith("frontend "))
                    .filter(name -> sections.get(name).stream()
                            .anyMatch(line -> line.getFirst().equals("use_backend")
                                    || line.getFirst().equals("default_backend")))
                    .toList();
            assertThat(names).as("routing frontends").hasSize(1);
            return sections.get(names.getFirst());
        }

        /** The backend a request for the path is sent to, or the status of the rule that refuses it. */
        String route(String path, boolean fromOffice) {
            Map<String, List<Predicate<String>>> acls = new HashMap<>();
            List<List<String>> frontend = frontend();
            for (List<String> line : frontend) {
                if (line.getFirst().equals("acl")) {
                    acls.computeIfAbsent(line.get(1), name -> new ArrayList<>())
                            .add(criterion(line.subList(2, line.size()), fromOffice));
                }
            }
            for (List<String> line : frontend) {
                if (line.size() > 1
                        && line.get(0).equals("http-request")
                        && line.get(1).equals("deny")) {
                    int status = line.indexOf("deny_status");
                    if (holds(condition(line), acls, path)) {
                        return status < 0 ? "403" : line.get(status + 1);
                    }
                }
            }
            for (List<String> line : frontend) {
                if (line.getFirst().equals("use_backend") && holds(condition(line), acls, path)) {
                    return line.get(1);
                }
            }
            return frontend.stream()
                    .filter(line -> line.getFirst().equals("default_backend"))
                    .map(line -> line.get(1))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no backend for " + path));
        }

        private static List<String> condition(List<String> line) {
            int at = line.indexOf("if");
            if (at < 0) {
                throw new AssertionError("a rule without 'if': " + String.join(" ", line));
            }
            return line.subList(at + 1, line.size());
        }

        private static Predicate<String> criterion(List<String> definition, boolean fromOffice) {
            String fetch = definition.getFirst();
            List<String> values = new ArrayList<>();
            boolean flags = true;
            for (int i = 1; i < definition.size(); i++) {
                String word = definition.get(i);
                if (flags && word.equals("--")) {
                    flags = false;
                } else if (flags && word.equals("-m") && fetch.startsWith("req.hdr(")) {
                    i++;
                } else if (flags && word.startsWith("-")) {
                    throw new AssertionError("extend this test to understand '" + word + "' in: " + definition);
                } else {
                    flags = false;
                    values.add(word);
                }
            }
            return switch (fetch) {
                case "path" -> values::contains;
                case "path_beg" -> path -> values.stream().anyMatch(path::startsWith);
                case "path_sub" -> path -> values.stream().anyMatch(path::contains);
                case "path_reg" ->
                    path -> values.stream()
                            .anyMatch(regex ->
                                    Pattern.compile(regex).matcher(path).find());
                case "src" -> path -> fromOffice;
                // the routes modelled here carry no headers
                case String header when header.startsWith("req.hdr(") -> path -> false;
                default -> throw new AssertionError("extend this test to understand the fetch '" + fetch + "'");
            };
        }

        /** Terms are ANDed, "||" or "or" separates alternatives, "!" negates. */
        private static boolean holds(List<String> condition, Map<String, List<Predicate<String>>> acls, String path) {
            boolean anyAlternative = false;
            boolean alternative = true;
            for (String term : condition) {
                if (term.equals("||") || term.equalsIgnoreCase("or")) {
                    anyAlternative |= alternative;
                    alternative = true;
                    continue;
                }
                boolean negated = term.startsWith("!");
                String name = negated ? term.substring(1) : term;
                List<Predicate<String>> criteria = acls.get(name);
                if (criteria == null) {
                    throw new AssertionError(
                            "haproxy rule uses an undefined ACL (or one this test cannot read): " + term);
                }
                boolean value = criteria.stream().anyMatch(criterion -> criterion.test(path));
                alternative &= negated != value;
            }
            return anyAlternative || alternative;
        }
    }

    // ---------------------------------------------------------------- real tools

    @Test
    void nginxAcceptsTheConfiguration(@TempDir Path temp) throws Exception {
        Optional<Path> nginx = Programs.onPath("nginx");
        Assumptions.assumeTrue(
                nginx.isPresent(), "nginx is not on the PATH: skipping `nginx -t`; the routing tests above still ran");

        // The same file with its listen lines on a free local port, so that the check needs neither
        // root (port 80) nor a free port 80; everything else is the file as compose mounts it.
        int port = LocalPorts.free();
        StringBuilder copy = new StringBuilder();
        boolean listening = false;
        for (String line : read(NGINX).lines().toList()) {
            if (line.strip().startsWith("listen ")) {
                if (!listening) {
                    copy.append("    listen 127.0.0.1:").append(port).append(";\n");
                    listening = true;
                }
                continue;
            }
            copy.append(line).append('\n');
        }
        assertThat(listening).as("the server block listens").isTrue();
        Path site = temp.resolve("enverify.conf");
        Files.writeString(site, copy);
        String dir = temp.toAbsolutePath().toString();
        Path wrapper = temp.resolve("nginx.conf");
        Files.writeString(wrapper, """
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {}
                http {
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    access_log off;
                    include %2$s;
                }
                """.formatted(dir, site.toAbsolutePath()));

        Result result = run(
                nginx.get().toString(),
                "-t",
                "-p",
                dir,
                "-c",
                wrapper.toAbsolutePath().toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("test is successful");
    }

    @Test
    void haproxyAcceptsTheConfiguration() throws Exception {
        Optional<Path> haproxy = Programs.onPath("haproxy");
        Assumptions.assumeTrue(
                haproxy.isPresent(),
                "haproxy is not on the PATH: skipping `haproxy -c`; the routing tests above still ran");

        Result result = run(haproxy.get().toString(), "-c", "-f", HAPROXY.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Configuration file is valid");
    }

    @Test
    void smokeTestIsAnExecutableBashScriptThatParses() throws Exception {
        assertThat(Files.isExecutable(SMOKE_TEST))
                .as("%s is executable", SMOKE_TEST)
                .isTrue();
        assertThat(read(SMOKE_TEST)).startsWith("#!/usr/bin/env bash\n");

        Result result = run("bash", "-n", SMOKE_TEST.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    // ---------------------------------------------------------------- workflows

    @Test
    void ciRunsTheReadmesTestCommandAndTheSmokeTest() {
        Map<String, Object> ci = yamlMap(WORKFLOWS.resolve("ci.yml"));

        assertThat(triggers(ci)).containsKeys("push", "pull_request");
        String steps = String.valueOf(map(ci, "jobs"));
        assertThat(steps).contains("actions/setup-java", "distribution=temurin", "java-version=25", "cache=maven");
        assertThat(runCommands(ci)).contains("./mvnw -B verify");
        assertThat(read(ROOT.resolve("README.md"))).contains("./mvnw verify");
        assertThat(String.join("\n", runCommands(ci))).contains("deploy/smoke-test.sh");
    }

    @Test
    void releaseBuildsTheImageDeploysToStagingAndOnlyVersionTagsToProduction() {
        Map<String, Object> release = yamlMap(WORKFLOWS.resolve("release.yml"));
        Map<String, Object> jobs = map(release, "jobs");

        Map<String, Object> push = map(triggers(release), "push");
        assertThat(list(push, "branches")).containsExactly("main");
        assertThat(list(push, "tags")).containsExactly("v*.*.*");
        assertThat(String.valueOf(jobs))
                .contains("docker/build-push-action")
                .contains("file=deploy/Dockerfile")
                .contains("ghcr.io/");

        Map<String, Object> staging = map(jobs, "deploy-staging");
        assertThat(map(staging, "environment")).containsEntry("name", "staging");
        String stagingRuns = String.join("\n", jobRunCommands(staging));
        assertThat(stagingRuns)
                .contains("helm upgrade --install enverify deploy/helm/enverify")
                .contains("deploy/smoke-test.sh \"$STAGING_URL\" \"$E2E_ADMIN_KEY\" \"$E2E_DEVICE_KEY\"");

        Map<String, Object> production = map(jobs, "deploy-production");
        assertThat(map(production, "environment")).containsEntry("name", "production");
        assertThat(String.valueOf(production.get("needs"))).contains("deploy-staging");
        assertThat(String.valueOf(production.get("if"))).contains("refs/tags/v");
        assertThat(String.join("\n", jobRunCommands(production)))
                .contains("helm upgrade --install")
                .contains("deploy/smoke-test.sh");
    }

    /** The "on" key, which YAML 1.1 (SnakeYAML) reads as the boolean true. */
    private static Map<String, Object> triggers(Map<String, Object> workflow) {
        Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get(Boolean.TRUE);
        Map<String, Object> triggers = new LinkedHashMap<>();
        asMap(on).forEach((name, value) -> triggers.put(name, value == null ? Map.of() : value));
        return triggers;
    }

    private static List<String> runCommands(Map<String, Object> workflow) {
        List<String> commands = new ArrayList<>();
        map(workflow, "jobs").values().forEach(job -> commands.addAll(jobRunCommands(asMap(job))));
        return commands;
    }

    private static List<String> jobRunCommands(Map<String, Object> job) {
        List<String> commands = new ArrayList<>();
        if (job.get("steps") instanceof List<?> steps) {
            steps.forEach(step -> {
                Object run = asMap(step).get("run");
                if (run != null) {
                    commands.add(String.valueOf(run).strip());
                }
            });
        }
        return commands;
    }

    // ---------------------------------------------------------------- helpers

    private record Result(int exitCode, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("deployment-files-test", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static Map<String, Object> yamlMap(Path file) {
        return asMap(yaml().load(read(file)));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file.toAbsolutePath().normalize(), e);
        }
    }

    /** A compose service's environment, whether written as a map or as a list of NAME=value. */
    private static Map<String, String> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((name, value) -> variables.put(String.valueOf(name), String.valueOf(value)));
        } else if (environment instanceof Collection<?> entries) {
            entries.forEach(entry -> {
                String[] parts = String.valueOf(entry).split("=", 2);
                variables.put(parts[0], parts.length > 1 ? parts[1] : "");
            });
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return asMap(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        assertThat(parent.get(key)).isInstanceOf(List.class);
        return (List<Object>) parent.get(key);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
