package org.enverify.audit.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.audit.AuditEntries;
import org.enverify.audit.AuditEntry;
import org.enverify.audit.AuditPage;
import org.enverify.audit.AuditQuery;
import org.enverify.realm.Permission;
import org.enverify.ui.FormErrors;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.SystemAdminOnly;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The audit trail in the browser: a realm's entries for its auditors, the system-wide ones (accounts, realms)
 * for system administrators, newest first, filtered by UTC day and by who acted; the filter is kept across pages.
 * Actions and permissions are shown by their names in the viewer's language, times in the viewer's time zone.
 */
@UiController
class AuditEventsController {

    static final int PAGE_SIZE = 50;
    private static final String USER_ACTOR_PREFIX = "users:";

    private final AuditEntries entries;
    private final Users users;

    AuditEventsController(AuditEntries entries, Users users) {
        this.entries = entries;
        this.users = users;
    }

    @GetMapping("/realm/events")
    @RequirePermission(Permission.AUDIT_READ)
    String realmEvents(UiContext ui, Filter filter, Model model, HttpServletResponse response) {
        var realm = ui.requireRealm().id();
        return show(filter, query -> entries.page(realm, query), "/realm/events", model, response);
    }

    @GetMapping("/admin/events")
    @SystemAdminOnly
    String systemEvents(Filter filter, Model model, HttpServletResponse response) {
        return show(filter, entries::pageSystemWide, "/admin/events", model, response);
    }

    private String show(
            Filter filter,
            Function<AuditQuery, AuditPage> reader,
            String path,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("filter", filter);
        model.addAttribute("path", path);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = day(filter.from(), "from", errors);
        LocalDate to = day(filter.to(), "to", errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.put("to", "audit.toBeforeFrom");
        }
        Optional<String> actor = actorId(filter.actor());
        if (actor.isEmpty()) {
            errors.put("actor", "audit.unknownActor");
        }
        if (!errors.isEmpty()) {
            model.addAttribute("events", AuditPageView.EMPTY);
            return FormErrors.show(model, response, "audit/events", errors);
        }
        AuditPage page =
                reader.apply(new AuditQuery(from, to, actor.get(), null, false, Math.max(0, filter.page()), PAGE_SIZE));
        model.addAttribute("events", new AuditPageView(page, actorNames(page.entries())));
        return "audit/events";
    }

    private static LocalDate day(String text, String field, Map<String, String> errors) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "audit.badDay");
            return null;
        }
    }

    /** Who to filter by: blank for everyone, an email address for that account, or an actor id as stored. */
    private Optional<String> actorId(String text) {
        String actor = text.strip();
        if (actor.isEmpty()) {
            return Optional.of("");
        }
        if (actor.contains("@")) {
            return users.findByEmail(actor).map(user -> USER_ACTOR_PREFIX + user.id());
        }
        return actor.matches("(users|apikeys):\\d{1,18}|system|cli") ? Optional.of(actor) : Optional.empty();
    }

    private Map<String, String> actorNames(List<AuditEntry> page) {
        Map<String, String> names = new HashMap<>();
        for (AuditEntry entry : page) {
            if (entry.actor().startsWith(USER_ACTOR_PREFIX) && !names.containsKey(entry.actor())) {
                long id = Long.parseLong(entry.actor().substring(USER_ACTOR_PREFIX.length()));
                users.find(id).map(User::email).ifPresent(email -> names.put(entry.actor(), email));
            }
        }
        return names;
    }

    /** The filter form as the query string gives it; a field left out filters nothing, a page left out is the first. */
    record Filter(String from, String to, String actor, Integer page) {

        Filter {
            from = Objects.requireNonNullElse(from, "");
            to = Objects.requireNonNullElse(to, "");
            actor = Objects.requireNonNullElse(actor, "");
            page = Objects.requireNonNullElse(page, 0);
        }
    }

    /** A page of entries with the email address of each user who acted, where the account still exists. */
    record AuditPageView(AuditPage page, Map<String, String> actorNames) {

        static final AuditPageView EMPTY = new AuditPageView(new AuditPage(List.of(), 0, PAGE_SIZE, 0), Map.of());

        private static final DateTimeFormatter UTC_TEXT =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

        public String actorName(String actor) {
            return actorNames.getOrDefault(actor, actor);
        }

        /** The instant to the second, as a {@code <time datetime>} holds it: {@code 2026-12-06T05:45:00Z}. */
        public String datetime(Instant at) {
            return at.truncatedTo(ChronoUnit.SECONDS).toString();
        }

        /** The instant in UTC as people read it, shown until the page's script puts it in the viewer's time zone. */
        public String utc(Instant at) {
            return UTC_TEXT.format(at);
        }

        /**
         * The message keys of the permissions a membership's change lists by enum name ({@code CODE_ISSUE,CODE_READ});
         * a name no permission has any more stays as it is.
         */
        public List<String> permissionKeys(String names) {
            return Arrays.stream(names.split(","))
                    .filter(name -> !name.isBlank())
                    .map(name -> Arrays.stream(Permission.values())
                            .filter(permission -> permission.name().equals(name))
                            .findFirst()
                            .map(Permission::messageKey)
                            .orElse(name))
                    .toList();
        }
    }
}
