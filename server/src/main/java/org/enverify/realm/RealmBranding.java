package org.enverify.realm;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.enverify.platform.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A realm's agency branding and the translated texts of its pages, as app sync keeps them. */
@Service
public class RealmBranding {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    RealmBranding(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public AgencyBranding branding(RealmId realm) {
        return jdbc.sql("""
                SELECT agency_background_color, agency_image, default_locale, user_report_learn_more_url
                FROM realms WHERE id = ?""")
                .param(realm.value())
                .query((rs, row) ->
                        new AgencyBranding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional()
                .orElseThrow(() -> new RealmNotFoundException(realm));
    }

    /** The realm's translations, ordered by message id and locale. */
    public List<Translation> translations(RealmId realm) {
        return jdbc.sql("""
                SELECT message_id, locale, message FROM dynamic_translations
                WHERE realm_id = ? ORDER BY message_id, locale""")
                .param(realm.value())
                .query((rs, row) -> new Translation(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /**
     * Makes the realm's branding and translations exactly these, inside the caller's transaction, and
     * publishes {@link RealmBrandingChanged} when that changed anything.
     *
     * @return how many stored values changed: the branding counts one, each added, changed or removed translation one
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int replace(RealmId realm, AgencyBranding branding, List<Translation> translations, Actor actor) {
        Map<String, String> before = describe(branding(realm), translations(realm));
        int changes = jdbc.sql("""
                UPDATE realms SET agency_background_color = ?, agency_image = ?, default_locale = ?,
                    user_report_learn_more_url = ?
                WHERE id = ? AND (agency_background_color, agency_image, default_locale, user_report_learn_more_url)
                    IS DISTINCT FROM (?, ?, ?, ?)""")
                .params(
                        branding.backgroundColor(),
                        branding.image(),
                        branding.defaultLocale(),
                        branding.learnMoreUrl(),
                        realm.value(),
                        branding.backgroundColor(),
                        branding.image(),
                        branding.defaultLocale(),
                        branding.learnMoreUrl())
                .update();
        Map<List<String>, String> stored = new HashMap<>();
        for (Translation existing : translations(realm)) {
            stored.put(List.of(existing.messageId(), existing.locale()), existing.message());
        }
        Set<List<String>> wanted = new HashSet<>();
        for (Translation translation : translations) {
            List<String> key = List.of(translation.messageId(), translation.locale());
            wanted.add(key);
            if (translation.message().equals(stored.get(key))) {
                continue;
            }
            changes += jdbc.sql("""
                    INSERT INTO dynamic_translations (realm_id, message_id, locale, message) VALUES (?, ?, ?, ?)
                    ON CONFLICT (realm_id, message_id, locale) DO UPDATE SET message = excluded.message""")
                    .params(realm.value(), translation.messageId(), translation.locale(), translation.message())
                    .update();
        }
        for (List<String> key : stored.keySet()) {
            if (!wanted.contains(key)) {
                changes += jdbc.sql(
                                "DELETE FROM dynamic_translations WHERE realm_id = ? AND message_id = ? AND locale = ?")
                        .params(realm.value(), key.get(0), key.get(1))
                        .update();
            }
        }
        if (changes > 0) {
            events.publishEvent(new RealmBrandingChanged(realm, before, describe(branding, translations), actor));
        }
        return changes;
    }

    private static Map<String, String> describe(AgencyBranding branding, List<Translation> translations) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("agency_background_color", branding.backgroundColor());
        fields.put("agency_image", branding.image());
        fields.put("default_locale", branding.defaultLocale());
        fields.put("user_report_learn_more_url", branding.learnMoreUrl());
        for (Translation translation : translations) {
            fields.put("translation." + translation.messageId() + "." + translation.locale(), translation.message());
        }
        return fields;
    }
}
