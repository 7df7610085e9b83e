package org.enverify.account;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Permission;

/**
 * A search of a realm's members in upstream's syntax: space-separated terms that must all hold, each
 * {@code name:<text>} (in the name), {@code email:<text>} (in the email), {@code can:<Permission>} (holds it),
 * {@code cannot:<Permission>} (lacks it), or plain text (in the name or the email). Text matches anywhere, case
 * aside; permissions by upstream name.
 */
public record MemberSearch(
        List<String> names, List<String> emails, List<String> texts, Set<Permission> can, Set<Permission> cannot) {

    public static final int MAX_LENGTH = 200;

    public MemberSearch {
        names = List.copyOf(names);
        emails = List.copyOf(emails);
        texts = List.copyOf(texts);
        can = Set.copyOf(can);
        cannot = Set.copyOf(cannot);
    }

    /**
     * @param query the search as typed; null or blank finds every member
     * @throws Refusal about {@code field} for an overlong search or a permission that does not exist
     */
    public static MemberSearch parse(String query, String field) {
        List<String> names = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Set<Permission> can = EnumSet.noneOf(Permission.class);
        Set<Permission> cannot = EnumSet.noneOf(Permission.class);
        String text = query == null ? "" : query.strip();
        if (text.length() > MAX_LENGTH) {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "the search is longer than " + MAX_LENGTH + " characters")
                    .about(field);
        }
        for (String term : text.isEmpty() ? new String[0] : text.split("\\s+")) {
            String lower = term.toLowerCase(Locale.ROOT);
            if (lower.startsWith("name:")) {
                names.add(term.substring("name:".length()));
            } else if (lower.startsWith("email:")) {
                emails.add(term.substring("email:".length()));
            } else if (lower.startsWith("can:")) {
                can.add(permission(term.substring("can:".length()), field));
            } else if (lower.startsWith("cannot:")) {
                cannot.add(permission(term.substring("cannot:".length()), field));
            } else {
                texts.add(term);
            }
        }
        return new MemberSearch(names, emails, texts, can, cannot);
    }

    private static Permission permission(String name, String field) {
        return Permission.byUpstreamName(name)
                .orElseThrow(() -> Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "no permission is named \"" + name + "\"")
                        .about(field));
    }
}
