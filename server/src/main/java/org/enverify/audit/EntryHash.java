package org.enverify.audit;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.enverify.platform.crypto.CryptoProvider;

/**
 * The canonical form of an entry and its hash. The canonical form is the entry as a JSON object in
 * the JSON Canonicalization Scheme (RFC 8785): keys sorted, no whitespace, strings with only the
 * escapes JCS requires, UTF-8. It holds {@code action}, {@code actor}, {@code created_at} (UTC with
 * exactly six fraction digits), {@code diff} (field name to {@code {"after":…,"before":…}}, each a
 * string or null), {@code previous_hash}, {@code realm_id} (0 for the system chain), {@code seq} and
 * {@code target}, and {@code request_id} when a request with an id made the change (entries written before
 * requests were recorded have none, and their hashes stay as they were). The hash is the lower-case hex SHA-256 of those bytes; docs/operators.md shows how
 * to recompute it without Enverify.
 */
final class EntryHash {

    /** The previous hash of a chain's first entry. */
    static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private EntryHash() {}

    static String of(AuditEntry entry, String previousHash) {
        return sha256(canonical(entry, previousHash));
    }

    static String canonical(AuditEntry entry, String previousHash) {
        SortedMap<String, Object> fields = new TreeMap<>();
        fields.put("action", entry.action());
        fields.put("actor", entry.actor());
        fields.put("created_at", TIME.format(entry.createdAt()));
        fields.put("diff", diffObject(entry.diff()));
        fields.put("previous_hash", previousHash);
        fields.put("realm_id", entry.chain());
        fields.put("seq", entry.seq());
        fields.put("target", entry.target());
        if (entry.requestId() != null) {
            fields.put("request_id", entry.requestId());
        }
        StringBuilder json = new StringBuilder();
        write(json, fields);
        return json.toString();
    }

    /** The diff as it is stored: the same canonical JSON as inside the hashed form. */
    static String diffJson(SortedMap<String, AuditChange> diff) {
        StringBuilder json = new StringBuilder();
        write(json, diffObject(diff));
        return json.toString();
    }

    private static SortedMap<String, Object> diffObject(SortedMap<String, AuditChange> diff) {
        SortedMap<String, Object> object = new TreeMap<>();
        diff.forEach((name, change) -> {
            SortedMap<String, Object> pair = new TreeMap<>();
            pair.put("after", change.after());
            pair.put("before", change.before());
            object.put(name, pair);
        });
        return object;
    }

    private static void write(StringBuilder json, Object value) {
        switch (value) {
            case null -> json.append("null");
            case String text -> string(json, text);
            case Long number -> json.append(number.longValue());
            case Map<?, ?> object -> {
                json.append('{');
                boolean first = true;
                // TreeMap order on String keys is UTF-16 code unit order, as JCS sorts.
                for (Map.Entry<?, ?> field : new TreeMap<>(object).entrySet()) {
                    if (!first) {
                        json.append(',');
                    }
                    first = false;
                    string(json, (String) field.getKey());
                    json.append(':');
                    write(json, field.getValue());
                }
                json.append('}');
            }
            default -> throw new IllegalArgumentException("not part of the canonical form: " + value.getClass());
        }
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static String sha256(String canonical) {
        return HexFormat.of().formatHex(CryptoProvider.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
