package org.enverify.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the Helm chart in {@code deploy/helm/enverify} without helm, which this build does not have.
 *
 * <p>What is proven: {@code Chart.yaml}, {@code values.yaml} and the {@code ci/} examples parse; the
 * values (defaults and examples merged over them, as helm merges) validate against {@code
 * values.schema.json}, and the schema refuses broken values; the Go template actions are balanced and
 * every included helper is defined; the templates contain the facts operators rely on (roles, probes,
 * hooks, routes). What is not: that the templates render, nor that the rendered manifests are valid
 * Kubernetes objects. That needs {@code helm lint --strict} and {@code helm template} with the {@code
 * ci/} values (see the chart's README), for example in a pipeline that has helm.
 */
class HelmChartTests {

    private static final Path CHART = Path.of("..", "deploy", "helm", "enverify");
    private static final Path TEMPLATES = CHART.resolve("templates");

    /** Keys under {@code roles} and the {@code ENVERIFY_ROLES} value of each. */
    private static final Map<String, String> ROLES = orderedMap(
            "ui", "ui",
            "deviceApi", "device-api",
            "adminApi", "admin-api",
            "redirect", "redirect",
            "worker", "worker");

    private static final List<String> DEVICE_PATHS = List.of("/api/verify", "/api/certificate", "/api/user-report");
    private static final List<String> ADMIN_PATHS = List.of(
            "/api/issue", "/api/batch-issue", "/api/checkcodestatus", "/api/expirecode", "/api/stats", "/api/v1");
    private static final List<String> REDIRECT_PATHS = List.of("/.well-known", "/report");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        JsonNode schemaDocument = JSON.readTree(read(CHART.resolve("values.schema.json")));
        // helm validates with a draft-07 capable validator; draft-07 is what the schema declares
        assertThat(schemaDocument.path("$schema").asString()).isEqualTo("http://json-schema.org/draft-07/schema#");
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaDocument);
    }

    @Test
    void chartYamlNamesTheChartAndItsVersions() {
        Map<String, Object> chart = yaml(CHART.resolve("Chart.yaml"));

        assertThat(chart)
                .containsEntry("apiVersion", "v2")
                .containsEntry("name", "enverify")
                .containsEntry("version", "0.1.0")
                .containsEntry("appVersion", "0.1.0")
                .containsEntry("type", "application");
    }

    @Test
    void valuesDeclareEveryRoleWithItsProcessRoleAndDefaults() {
        Map<String, Object> roles = map(yaml(CHART.resolve("values.yaml")), "roles");

        assertThat(roles.keySet()).containsExactlyInAnyOrderElementsOf(ROLES.keySet());
        ROLES.forEach((key, processRole) -> {
            Map<String, Object> role = map(roles, key);
            assertThat(role)
                    .as(key)
                    .containsEntry("enabled", true)
                    .containsEntry("role", processRole)
                    .containsEntry("replicas", 2);
            assertThat(role.get("resources"))
                    .as(key)
                    .isEqualTo(Map.of(
                            "requests", Map.of("cpu", "500m", "memory", "500Mi"),
                            "limits", Map.of("cpu", "1000m", "memory", "1Gi")));
            assertThat(map(role, "autoscaling")).as(key).containsEntry("enabled", false);
            assertThat(map(role, "podDisruptionBudget"))
                    .as(key)
                    .containsEntry("enabled", true)
                    .containsEntry("minAvailable", 1);
        });
    }

    @Test
    void valuesRunAsNonRootOnAReadOnlyFilesystemAndOutliveTheGracefulShutdown() {
        Map<String, Object> values = yaml(CHART.resolve("values.yaml"));

        assertThat(map(values, "podSecurityContext"))
                .containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", 10001)
                .containsEntry("fsGroup", 10001);
        assertThat(map(values, "securityContext"))
                .containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", 10001)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        Map<String, Object> shutdown = map(values, "shutdown");
        assertThat((Integer) shutdown.get("terminationGracePeriodSeconds"))
                .isGreaterThan((Integer) shutdown.get("preStopSleepSeconds")
                        + (Integer) shutdown.get("gracefulTimeoutSeconds"));
        assertThat(map(values, "migration").get("args")).isEqualTo(List.of("realm", "list"));
    }

    @Test
    void defaultValuesMatchTheSchema() {
        assertThat(validate(yaml(CHART.resolve("values.yaml")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal-values.yaml", "full-values.yaml"})
    void exampleValuesMergedOverTheDefaultsMatchTheSchema(String file) {
        Map<String, Object> values = merge(
                yaml(CHART.resolve("values.yaml")), yaml(CHART.resolve("ci").resolve(file)));

        assertThat(validate(values)).isEmpty();
    }

    static Stream<Arguments> brokenValues() {
        return Stream.of(
                broken(
                        "replicas as a word",
                        "/roles/ui/replicas",
                        values -> map(map(values, "roles"), "ui").put("replicas", "two")),
                broken(
                        "negative replicas",
                        "/roles/worker/replicas",
                        values -> map(map(values, "roles"), "worker").put("replicas", -1)),
                broken(
                        "unknown role key",
                        "'api'",
                        values -> map(values, "roles").put("api", map(map(values, "roles"), "ui"))),
                broken(
                        "renamed role",
                        "/roles/ui/role",
                        values -> map(map(values, "roles"), "ui").put("role", "device-api")),
                broken(
                        "role name outside the enum",
                        "/roles/worker/role",
                        values -> map(map(values, "roles"), "worker").put("role", "cron")),
                broken(
                        "missing image repository",
                        "'repository'",
                        values -> map(values, "image").remove("repository")),
                broken(
                        "empty image repository",
                        "/image/repository",
                        values -> map(values, "image").put("repository", "")),
                broken("unknown top-level key", "'replicaCount'", values -> values.put("replicaCount", 3)),
                broken(
                        "unknown preStop mode",
                        "/shutdown/preStopMode",
                        values -> map(values, "shutdown").put("preStopMode", "signal")),
                broken(
                        "ingress without a host",
                        "/ingress/host",
                        values -> map(values, "ingress").put("enabled", true)),
                broken(
                        "realm slug with a dot",
                        "/tenancy/realms/0",
                        values -> map(values, "tenancy").put("realms", List.of("wa.gov"))),
                broken(
                        "database URL of another driver",
                        "/database/url",
                        values -> map(values, "database").put("url", "jdbc:mysql://db/enverify")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenValues")
    void theSchemaRefusesBrokenValues(String what, String where, Consumer<Map<String, Object>> breakValues) {
        Map<String, Object> values = yaml(CHART.resolve("values.yaml"));
        breakValues.accept(values);

        assertThat(validate(values))
                .as(what)
                .anySatisfy(error -> assertThat(error).contains(where));
    }

    @Test
    void everyTemplateHasBalancedActionsAndIncludesOnlyDefinedHelpers() throws IOException {
        List<String> defined = new ArrayList<>();
        List<String> included = new ArrayList<>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.sorted().toList()) {
                String text = read(file);
                int depth = 0;
                Matcher action = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}", Pattern.DOTALL)
                        .matcher(text);
                while (action.find()) {
                    String body = action.group(1);
                    if (body.startsWith("/*")) {
                        assertThat(body).as(file + ": comment").endsWith("*/");
                        continue;
                    }
                    String word = body.split("[\\s(]", 2)[0];
                    switch (word) {
                        case "if", "range", "with", "define", "block" -> depth++;
                        case "end" -> depth--;
                        default -> {}
                    }
                    assertThat(depth).as(file + ": an end without its block").isNotNegative();
                }
                assertThat(depth).as(file + ": blocks left open").isZero();
                collect(text, "\\{\\{-?\\s*define \"([^\"]+)\"", defined);
                collect(text, "include \"([^\"]+)\"", included);
            }
        }
        assertThat(defined).doesNotHaveDuplicates();
        assertThat(defined).containsAll(included);
    }

    @Test
    void oneDeploymentPerRoleRunsItsRoleWithProbesAndAGracefulStop() {
        String deployment = read(TEMPLATES.resolve("deployment.yaml"));

        assertThat(deployment)
                .contains("range $key, $role := .Values.roles")
                .contains("kind: Deployment")
                .contains("- name: ENVERIFY_ROLES\n              value: {{ $role.role | quote }}")
                .contains("readinessProbe:\n            httpGet:\n              path: /actuator/health/readiness\n"
                        + "              port: management")
                .contains("livenessProbe:\n            httpGet:\n              path: /actuator/health/liveness\n"
                        + "              port: management")
                .contains("- name: management\n              containerPort: {{ $.Values.managementPort }}")
                .contains("terminationGracePeriodSeconds: {{ $.Values.shutdown.terminationGracePeriodSeconds }}")
                .contains("preStop:")
                .contains("command: [\"sleep\", {{ $.Values.shutdown.preStopSleepSeconds | quote }}]")
                .contains("securityContext:")
                .contains("{{- if not (and $role.autoscaling $role.autoscaling.enabled) }}\n  replicas:");
        String helpers = read(TEMPLATES.resolve("_helpers.tpl"));
        assertThat(helpers)
                .contains("mountPath: /tmp")
                .contains("mountPath: {{ .Values.dataDir.path }}")
                .contains("- name: ENVERIFY_DATA_DIR")
                .contains("- name: ENVERIFY_MASTER_KEYSET")
                .contains("secretName: {{ include \"enverify.keysetSecretName\" . }}")
                .contains("- name: ENVERIFY_DATABASE_URL")
                .contains("- name: ENVERIFY_DATABASE_PASSWORD\n  valueFrom:\n    secretKeyRef:")
                .contains("- name: ENVERIFY_REDIS_URL")
                .contains("- name: ENVERIFY_TENANCY_HOST_SUFFIX")
                // Spring's graceful shutdown must end before the grace period does
                .contains("fail (printf \"shutdown.terminationGracePeriodSeconds");
    }

    @Test
    void servicesPdbsAndAutoscalersArePerRole() {
        assertThat(read(TEMPLATES.resolve("service.yaml")))
                .contains("range $key, $role := .Values.roles")
                .contains("(ne $role.role \"worker\")")
                .contains("kind: Service");
        assertThat(read(TEMPLATES.resolve("poddisruptionbudget.yaml")))
                .contains("range $key, $role := .Values.roles")
                .contains("apiVersion: policy/v1")
                .contains("kind: PodDisruptionBudget")
                .contains("minAvailable: {{ $pdb.minAvailable }}");
        assertThat(read(TEMPLATES.resolve("hpa.yaml")))
                .contains("range $key, $role := .Values.roles")
                .contains("apiVersion: autoscaling/v2")
                .contains("kind: HorizontalPodAutoscaler")
                .contains("if and $role.enabled $role.autoscaling $role.autoscaling.enabled")
                .contains("type: Utilization");
    }

    @Test
    void theMigrationJobRunsACliCommandBeforeInstallAndUpgradeAfterTheSecrets() {
        String job = read(TEMPLATES.resolve("migration-job.yaml"));

        assertThat(job)
                .contains("kind: Job")
                .contains("helm.sh/hook: pre-install,pre-upgrade")
                .contains("helm.sh/hook-weight: \"0\"")
                .contains("helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded")
                .contains("toYaml .Values.migration.args")
                .contains("restartPolicy: Never")
                .contains("- name: ENVERIFY_ROLES\n              value: \"none\"");
        // a pre-install hook runs before ordinary resources exist: the Secrets it reads are earlier hooks
        String secrets = read(TEMPLATES.resolve("secrets.yaml"));
        assertThat(secrets).contains("kind: Secret");
        assertThat(Pattern.compile("helm.sh/hook: pre-install,pre-upgrade")
                        .matcher(secrets)
                        .results()
                        .count())
                .isEqualTo(3);
        assertThat(Pattern.compile("helm.sh/hook-weight: \"-10\"")
                        .matcher(secrets)
                        .results()
                        .count())
                .isEqualTo(3);
        assertThat(secrets)
                .contains("if not .Values.database.existingSecret")
                .contains("if not .Values.masterKeyset.existingSecret");
    }

    @Test
    void theIngressRoutesEachPathToItsRoleAndNeverRoutesInternal() {
        String ingress = read(TEMPLATES.resolve("ingress.yaml"));

        assertThat(ingress)
                .contains("apiVersion: networking.k8s.io/v1")
                .contains("kind: Ingress")
                .contains("ingressClassName:")
                .contains("if .Values.ingress.tls.enabled")
                .contains("(list \"ui\" \"/\")")
                .contains("printf \"%s.%s\" . $suffix")
                .contains("printf \"%s-api.%s\" . $suffix")
                .doesNotContain("/internal")
                .doesNotContain("/actuator");
        DEVICE_PATHS.forEach(path -> assertThat(ingress).contains("(list \"deviceApi\" \"" + path + "\")"));
        ADMIN_PATHS.forEach(path -> assertThat(ingress).contains("(list \"adminApi\" \"" + path + "\")"));
        REDIRECT_PATHS.forEach(path -> assertThat(ingress).contains("(list \"redirect\" \"" + path + "\")"));
        // the realm API hosts get the API paths only, no catch-all
        assertThat(ingress)
                .contains("$realmApiPaths := include \"enverify.ingressPaths\" (dict \"root\" $ \"routes\""
                        + " (concat $device $admin))");
        assertThat(read(TEMPLATES.resolve("_helpers.tpl"))).doesNotContain("/internal");
    }

    @Test
    void theChartShipsNotesAndADocumentedReadme() {
        assertThat(read(TEMPLATES.resolve("NOTES.txt"))).contains("migrate").contains("ENVERIFY_ROLES=none");
        String readme = read(CHART.resolve("README.md"));
        assertThat(readme).contains("pre-install,pre-upgrade");
        // every top-level value is explained in the README
        yaml(CHART.resolve("values.yaml"))
                .keySet()
                .forEach(key -> assertThat(readme).as(key).contains("`" + key));
    }

    private static List<String> validate(Map<String, Object> values) {
        List<Error> errors = schema.validate(JSON.valueToTree(values));
        return errors.stream().map(Error::toString).toList();
    }

    private static Arguments broken(String what, String where, Consumer<Map<String, Object>> breakValues) {
        return Arguments.of(what, where, breakValues);
    }

    /** Merges {@code override} into {@code base} the way helm merges a values file over the defaults. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested && base.get(key) instanceof Map<?, ?> existing) {
                merge((Map<String, Object>) existing, (Map<String, Object>) nested);
            } else {
                base.put(key, value);
            }
        });
        return base;
    }

    private static void collect(String text, String regex, List<String> into) {
        Pattern.compile(regex).matcher(text).results().forEach(match -> into.add(match.group(1)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    private static Map<String, Object> yaml(Path file) {
        Map<String, Object> document = new Yaml().load(read(file));
        assertThat(document).as(file.toString()).isNotNull();
        return document;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file.toAbsolutePath(), e);
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
