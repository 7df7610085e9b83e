package org.enverify.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.enverify.support.ApiClient;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert rules and the Grafana dashboard in {@code deploy/observability} against a real scrape: after
 * one issue, verify and certificate flow and one refused verify, every metric that an alert expression or
 * a panel query names must be in {@code /actuator/prometheus}, and every alert must carry a severity, a
 * summary and a runbook link to a heading of {@code docs/operations.md}.
 */
@EnverifyIntegrationTest
class ObservabilityFilesIntegrationTests {

    private static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");
    private static final Path ALERTS = OBSERVABILITY.resolve("prometheus-alerts.yaml");
    private static final Path DASHBOARD = OBSERVABILITY.resolve("grafana-dashboard.json");
    private static final Path OPERATIONS = Path.of("..", "docs", "operations.md");

    /** A fixed 32-byte HMAC in base64, as a phone sends it (the key server's test vector). */
    private static final String EKEYHMAC = "2u1nHt5WWurJytFLF3xitNzM99oNrad2y4YGOL53AeY=";

    /** Series that Prometheus makes itself rather than scraping them. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

    /** PromQL functions, aggregations, keywords and literals: identifiers in an expression that name no metric. */
    private static final Set<String> NOT_METRICS = Set.of(
            "abs",
            "absent",
            "absent_over_time",
            "and",
            "avg",
            "avg_over_time",
            "bool",
            "bottomk",
            "by",
            "ceil",
            "changes",
            "clamp",
            "clamp_max",
            "clamp_min",
            "count",
            "count_over_time",
            "count_values",
            "delta",
            "deriv",
            "exp",
            "floor",
            "group",
            "group_left",
            "group_right",
            "histogram_quantile",
            "idelta",
            "ignoring",
            "increase",
            "inf",
            "irate",
            "label_join",
            "label_replace",
            "label_values",
            "last_over_time",
            "ln",
            "log2",
            "log10",
            "max",
            "max_over_time",
            "min",
            "min_over_time",
            "nan",
            "offset",
            "on",
            "or",
            "predict_linear",
            "quantile",
            "quantile_over_time",
            "rate",
            "resets",
            "round",
            "scalar",
            "sort",
            "sort_desc",
            "sqrt",
            "stddev",
            "stdvar",
            "sum",
            "sum_over_time",
            "time",
            "timestamp",
            "topk",
            "unless",
            "vector",
            "without");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\\w:])");
    private static final Pattern RUNBOOK = Pattern.compile("docs/operations\\.md#([a-z0-9_-]+)");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalManagementPort
    int managementPort;

    @Test
    void everyMetricTheAlertsAndTheDashboardUseIsScraped(ApiClient api, TestRealm realm) throws IOException {
        String scrape = scrapeAfterTraffic(api, realm);

        Set<String> series = new LinkedHashSet<>();
        for (String line : scrape.split("\n")) {
            Matcher name = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(line);
            if (!line.startsWith("#") && name.find()) {
                series.add(name.group(1));
            }
        }

        Map<String, Set<String>> used = new LinkedHashMap<>();
        for (var rule : alertRules()) {
            used.put("alert " + rule.get("alert"), metricNames(String.valueOf(rule.get("expr"))));
        }
        JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                used.put(
                        "panel \"" + panel.path("title").asString() + "\" "
                                + target.path("refId").asString(),
                        metricNames(target.path("expr").asString()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher metric = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)")
                    .matcher(variable.path("definition").asString());
            if (metric.find()) {
                used.put("variable " + variable.path("name").asString(), Set.of(metric.group(1)));
            }
        }

        assertThat(used).isNotEmpty();
        used.forEach((where, names) -> {
            assertThat(names).as("metrics named by %s", where).isNotEmpty();
            for (String name : names) {
                if (!MADE_BY_PROMETHEUS.contains(name)) {
                    assertThat(series)
                            .as("%s uses %s, which the scrape must contain", where, name)
                            .contains(name);
                }
            }
        });
        // the flow above is what the protocol panels and the latency alert look at
        String id = realm.id().toString();
        assertThat(scrape)
                .contains("enverify_codes_total{outcome=\"issued\",realm=\"" + id + "\"}")
                .contains("enverify_codes_total{outcome=\"claimed\",realm=\"" + id + "\"}")
                .contains("enverify_codes_total{outcome=\"invalid\",realm=\"" + id + "\"}")
                .contains("enverify_tokens_total{outcome=\"claimed\",realm=\"" + id + "\"}");
        for (String route : List.of("/api/issue", "/api/verify", "/api/certificate")) {
            assertThat(scrape.lines())
                    .as("latency buckets of %s", route)
                    .anyMatch(line -> line.startsWith("http_server_requests_seconds_bucket{")
                            && line.contains("uri=\"" + route + "\""));
        }
    }

    @Test
    void everyAlertHasASeveritySummaryAndARunbookSection() throws IOException {
        Set<String> anchors = headingAnchors(Files.readString(OPERATIONS, StandardCharsets.UTF_8));
        List<Map<String, Object>> rules = alertRules();
        assertThat(rules).isNotEmpty();
        Set<String> names = new LinkedHashSet<>();
        for (var rule : rules) {
            String alert = String.valueOf(rule.get("alert"));
            assertThat(names.add(alert)).as("alert names are unique: %s", alert).isTrue();
            assertThat(rule.get("expr")).as("%s expr", alert).isInstanceOf(String.class);
            assertThat(String.valueOf(rule.get("for"))).as("%s for", alert).matches("\\d+[smh]");
            Map<?, ?> labels = (Map<?, ?>) rule.get("labels");
            assertThat(labels).as("%s labels", alert).isNotNull();
            assertThat(labels.get("severity")).as("%s severity", alert).isIn("critical", "warning");
            Map<?, ?> annotations = (Map<?, ?>) rule.get("annotations");
            assertThat(annotations).as("%s annotations", alert).isNotNull();
            assertThat(String.valueOf(annotations.get("summary")))
                    .as("%s summary", alert)
                    .isNotBlank()
                    .isNotEqualTo("null");
            Matcher runbook = RUNBOOK.matcher(String.valueOf(annotations.get("runbook")));
            assertThat(runbook.matches())
                    .as("%s runbook %s", alert, annotations.get("runbook"))
                    .isTrue();
            assertThat(runbook.group(1))
                    .as("%s runbook anchor", alert)
                    .isEqualTo("alert-" + alert.toLowerCase(Locale.ROOT));
            assertThat(anchors)
                    .as("docs/operations.md has a heading for the runbook of %s", alert)
                    .contains(runbook.group(1));
        }
    }

    @Test
    void dashboardIsAGrafanaDashboardOnAPrometheusDataSourceVariable() throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
        assertThat(dashboard.path("schemaVersion").asInt()).isEqualTo(39);
        assertThat(dashboard.path("uid").asString()).isNotBlank();

        Map<String, JsonNode> variables = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            variables.put(variable.path("name").asString(), variable);
        }
        assertThat(variables).containsKeys("datasource", "realm");
        assertThat(variables.get("datasource").path("type").asString()).isEqualTo("datasource");
        assertThat(variables.get("datasource").path("query").asString()).isEqualTo("prometheus");
        assertThat(variables.get("realm").path("definition").asString())
                .isEqualTo("label_values(enverify_codes_total, realm)");

        Set<Integer> ids = new LinkedHashSet<>();
        List<JsonNode> panels = panels(dashboard);
        assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode panel : panels) {
            String title = panel.path("title").asString();
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("panel id of %s is unique", title)
                    .isTrue();
            assertThat(panel.path("gridPos").path("w").asInt())
                    .as("width of %s", title)
                    .isPositive();
            assertThat(panel.path("datasource").path("uid").asString())
                    .as("data source of %s", title)
                    .isEqualTo("${datasource}");
            assertThat(panel.path("targets").size()).as("queries of %s", title).isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asString())
                        .as("query of %s", title)
                        .isNotBlank();
                assertThat(target.path("datasource").path("uid").asString()).isEqualTo("${datasource}");
            }
        }
    }

    /** Metric names in a PromQL expression: identifiers left once strings, matchers, ranges and grouping labels are gone. */
    static Set<String> metricNames(String expr) {
        String stripped = STRING.matcher(expr).replaceAll("\"\"");
        stripped = LABEL_MATCHERS.matcher(stripped).replaceAll("{}");
        stripped = RANGE.matcher(stripped).replaceAll("[]");
        stripped = GROUPING.matcher(stripped).replaceAll("$1 ()");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = IDENTIFIER.matcher(stripped);
        while (identifier.find()) {
            String name = identifier.group(1);
            boolean call = stripped.substring(identifier.end()).stripLeading().startsWith("(");
            if (!call && !NOT_METRICS.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void metricNamesSkipFunctionsLabelsAndKeywords() {
        assertThat(metricNames(
                        "histogram_quantile(0.99, sum by (job, uri, le) (rate(a_bucket{uri=~\"/api/x|y\"}[5m])))"))
                .containsExactly("a_bucket");
        assertThat(metricNames("sum by (realm) (increase(c_total{outcome=\"issued\"}[6h])) >= 10 unless on (realm)"
                        + " sum by (realm) (increase(c_total{outcome=\"claimed\"}[$__rate_interval])) > 0"))
                .containsExactly("c_total");
        assertThat(metricNames("up{job=~\".*\"} == 1 unless on (job, instance) ready_seconds"))
                .containsExactly("up", "ready_seconds");
        assertThat(metricNames("sum(x{a=\"b\"} > 0) / y * 3600")).containsExactly("x", "y");
    }

    private String scrapeAfterTraffic(ApiClient api, TestRealm realm) {
        ApiClient.Response issued = api.post("/api/issue", realm.adminKey(), Map.of("testType", "confirmed"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        ApiClient.Response verified = api.post(
                "/api/verify",
                realm.deviceKey(),
                Map.of("code", issued.json().path("code").asString()));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        ApiClient.Response certified = api.post(
                "/api/certificate",
                realm.deviceKey(),
                Map.of("token", verified.json().path("token").asString(), "ekeyhmac", EKEYHMAC));
        assertThat(certified.status()).as(certified.body()).isEqualTo(200);
        // a code this fresh realm never issued: refused and counted as invalid
        String unknown = issued.json().path("code").asString().equals("12345678") ? "87654321" : "12345678";
        ApiClient.Response refused = api.post("/api/verify", realm.deviceKey(), Map.of("code", unknown));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("code_invalid");
        ApiClient management = new ApiClient(managementPort);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);

        ApiClient.Response scrape = management.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        return scrape.body();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ALERTS, StandardCharsets.UTF_8));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            assertThat(group.get("name")).isNotNull();
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(rule).containsKey("alert");
                rules.add(rule);
            }
        }
        return rules;
    }

    /** Every panel that queries, rows left out (also those nested in collapsed rows). */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asString().equals("row")) {
                panel.path("panels").forEach(panels::add);
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as dashes. */
    private static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            Matcher heading = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$").matcher(line);
            if (!fenced && heading.matches()) {
                anchors.add(heading.group(1)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
    }
}
