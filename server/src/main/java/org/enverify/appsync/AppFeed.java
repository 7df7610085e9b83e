package org.enverify.appsync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.enverify.realm.AgencyBranding;
import org.enverify.realm.Translation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The app feed: {@code {"apps": [{region, is_enx, android_target: {namespace, app_name, package_name,
 * sha256_cert_fingerprints}, agency_color, agency_image, default_locale, web_report_learn_more_url,
 * localizations: [{msgid, translations: [{lang, message}]}], headless}]}}. The reader is tolerant:
 * unknown fields are ignored, an entry without a region is skipped, and a value that breaks its rule
 * (a color that is not {@code #rrggbb}, say) is dropped with a note while the rest of the entry counts.
 * Only a feed that is not JSON or has no {@code apps} array is refused.
 */
final class AppFeed {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One app of the feed, with what app sync uses of it. A branding part that is null was absent; a part in
     * {@link #invalid} was refused.
     *
     * @param sha256Fingerprints as the feed lists them (one string, fingerprints separated by commas or lines)
     */
    record Entry(
            String region,
            String appName,
            String packageName,
            List<String> sha256Fingerprints,
            boolean headless,
            String agencyColor,
            String agencyImage,
            String defaultLocale,
            String learnMoreUrl,
            List<String> invalid,
            List<Translation> translations) {}

    record Feed(List<Entry> entries, List<String> notes) {}

    private AppFeed() {}

    /** @throws IllegalArgumentException when the feed is not JSON or has no {@code apps} array */
    static Feed read(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the feed is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("apps").isArray()) {
            throw new IllegalArgumentException("the feed has no \"apps\" array");
        }
        List<Entry> entries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        JsonNode apps = root.path("apps");
        for (int i = 0; i < apps.size(); i++) {
            JsonNode app = apps.get(i);
            String region = text(app.path("region")).toUpperCase(Locale.ROOT);
            if (!app.isObject() || region.isEmpty()) {
                notes.add("apps[" + i + "] has no region and was skipped");
                continue;
            }
            entries.add(entry(app, region, notes));
        }
        return new Feed(entries, notes);
    }

    private static Entry entry(JsonNode app, String region, List<String> notes) {
        // Older feeds carried the Android fields at the top of the entry instead of in android_target.
        JsonNode android = app.path("android_target").isObject() ? app.path("android_target") : app;
        List<String> invalid = new ArrayList<>();
        List<Translation> translations = new ArrayList<>();
        JsonNode localizations = app.path("localizations");
        for (int l = 0; l < localizations.size(); l++) {
            JsonNode localization = localizations.get(l);
            String messageId = text(localization.path("msgid"));
            JsonNode texts = localization.path("translations");
            for (int t = 0; t < texts.size(); t++) {
                JsonNode text = texts.get(t);
                try {
                    translations.add(new Translation(messageId, text(text.path("lang")), text(text.path("message"))));
                } catch (IllegalArgumentException e) {
                    notes.add(region + " translation " + (messageId.isEmpty() ? "without msgid" : "'" + messageId + "'")
                            + " skipped: " + e.getMessage());
                }
            }
        }
        return new Entry(
                region,
                text(android.path("app_name")),
                text(android.path("package_name")),
                fingerprints(text(android.path("sha256_cert_fingerprints"))),
                app.path("headless").asBoolean(false),
                value(app, "agency_color", AgencyBranding::color, region, invalid, notes),
                value(app, "agency_image", AgencyBranding::image, region, invalid, notes),
                value(app, "default_locale", AgencyBranding::locale, region, invalid, notes),
                value(app, "web_report_learn_more_url", AgencyBranding::url, region, invalid, notes),
                List.copyOf(invalid),
                List.copyOf(translations));
    }

    private static String value(
            JsonNode app,
            String field,
            UnaryOperator<String> rule,
            String region,
            List<String> invalid,
            List<String> notes) {
        String raw = text(app.path(field));
        if (raw.isEmpty()) {
            return null;
        }
        try {
            return rule.apply(raw);
        } catch (IllegalArgumentException e) {
            invalid.add(field);
            notes.add(region + " " + field + " ignored: " + e.getMessage());
            return null;
        }
    }

    private static List<String> fingerprints(String listed) {
        return List.of(listed.split("[,\\s]+")).stream()
                .filter(fingerprint -> !fingerprint.isEmpty())
                .toList();
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString().trim() : "";
    }
}
