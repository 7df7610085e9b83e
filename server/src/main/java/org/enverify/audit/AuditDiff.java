package org.enverify.audit;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The fields that differ between two views of a target, as text, with secrets redacted. */
final class AuditDiff {

    static final String REDACTED = "[redacted]";

    private AuditDiff() {}

    static SortedMap<String, AuditChange> between(Map<String, ?> before, Map<String, ?> after, AuditSettings settings) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        SortedMap<String, AuditChange> diff = new TreeMap<>();
        for (String name : names) {
            Object old = before.get(name);
            Object now = after.get(name);
            if (Objects.equals(old, now)) {
                continue;
            }
            boolean secret = settings.redacts(name);
            diff.put(name, new AuditChange(text(old, secret), text(now, secret)));
        }
        return diff;
    }

    private static String text(Object value, boolean secret) {
        if (value == null) {
            return null;
        }
        if (secret) {
            return REDACTED;
        }
        String text = value instanceof Collection<?> values
                ? values.stream().map(String::valueOf).sorted().collect(Collectors.joining(","))
                : String.valueOf(value);
        // PostgreSQL's jsonb cannot hold U+0000.
        return text.replace('\u0000', '\uFFFD');
    }
}
