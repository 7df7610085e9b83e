package org.enverify.sms;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmSettingsChanged;
import org.enverify.redirect.EnExpressLinks;
import org.enverify.redirect.ExpressRealmSettings;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A realm's SMS templates: its default ({@code sms_text_template}, a realm setting) and named
 * alternates an issuer may pick, each checked by {@link SmsTemplateRules} when saved.
 */
@Service
public class SmsTemplates {

    private final SmsTemplateRepository repository;
    private final SmsConfigurationLock lock;
    private final Clock clock;
    private final EnExpressLinks links;
    private final AuditLog audit;
    private final CodeShapes codes;

    SmsTemplates(
            SmsTemplateRepository repository,
            SmsConfigurationLock lock,
            Clock clock,
            EnExpressLinks links,
            AuditLog audit,
            CodeShapes codes) {
        this.repository = repository;
        this.lock = lock;
        this.codes = codes;
        this.audit = audit;
        this.clock = clock;
        this.links = links;
    }

    /** Every template an issuer may choose, by label, the realm's default first. */
    @Transactional(readOnly = true)
    public Map<String, String> list(Realm realm) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(
                SmsTemplateRules.DEFAULT_LABEL,
                realm.settings(SmsRealmSettings.class).smsTextTemplate());
        all.putAll(repository.all(realm.id()));
        return all;
    }

    /**
     * Saves an alternate template under {@code label}, normalized.
     *
     * @throws Refusal about the {@code label} or the {@code text}, naming every rule it breaks
     */
    @Transactional
    public String save(Realm realm, String label, String template, Actor actor) {
        List<String> labelProblems = SmsTemplateRules.labelProblems(label);
        if (!labelProblems.isEmpty()) {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "The label " + String.join("; ", labelProblems))
                    .about("label")
                    .shown("sms.templates.labelRefused");
        }
        String cleanLabel = label.trim();
        String normalized = SmsTemplateRules.normalize(template == null ? "" : template);
        CodeShapes.Shape shape = codes.of(realm);
        List<String> problems = SmsTemplateRules.problems(
                cleanLabel,
                normalized,
                SmsTemplateRules.Expansion.of(realm.settings(), shape.codeLength(), shape.longCodeLength(), links));
        if (!problems.isEmpty()) {
            throw Refusal.of(ErrorCode.UNPARSABLE_REQUEST, "The template " + String.join("; ", problems))
                    .about("text")
                    .shown("sms.templates.textRefused");
        }
        store(realm.id(), cleanLabel, normalized, actor);
        return normalized;
    }

    private void store(RealmId realm, String label, String text, Actor actor) {
        lock.lock(realm);
        Optional<String> before = repository.find(realm, label);
        repository.save(realm, label, text, clock.instant());
        audit.record(
                realm,
                actor,
                "sms.template.save",
                target(realm, label),
                before.map(old -> Map.of("text", old)).orElse(Map.of()),
                Map.of("text", text));
    }

    /**
     * When a realm turns EN Express on or off, each alternate template that does not suit the new mode becomes
     * that mode's default text (the User Report one for user reports), as upstream resets them; the realm's
     * own template follows in its settings group.
     */
    @EventListener
    void onRealmSettingsChanged(RealmSettingsChanged changed) {
        boolean enExpress = enExpress(changed.after());
        if (enExpress == enExpress(changed.before())) {
            return;
        }
        RealmId realm = changed.after().id();
        repository.all(realm).forEach((label, text) -> {
            if (!SmsTemplateRules.suits(text, enExpress)) {
                store(
                        realm,
                        label,
                        label.equals(SmsTemplateRules.USER_REPORT_LABEL)
                                ? SmsTemplateRules.defaultUserReportTemplate(enExpress)
                                : SmsTemplateRules.defaultTemplate(enExpress),
                        changed.actor());
            }
        });
    }

    private static boolean enExpress(Realm realm) {
        return realm.settings(ExpressRealmSettings.class).enableEnExpress();
    }

    /** @return false when the realm has no alternate template with this label */
    @Transactional
    public boolean remove(RealmId realm, String label, Actor actor) {
        lock.lock(realm);
        Optional<String> before = repository.find(realm, label);
        if (before.isEmpty() || !repository.delete(realm, label)) {
            return false;
        }
        audit.record(realm, actor, "sms.template.remove", target(realm, label), Map.of("text", before.get()), Map.of());
        return true;
    }

    private static String target(RealmId realm, String label) {
        return "realms:" + realm + "/sms-templates/" + label;
    }

    /** The template for an SMS: the label's, or with none the default (for user reports the User Report one). */
    Optional<String> template(Realm realm, String label, boolean userReport) {
        if (label == null || label.isBlank()) {
            if (userReport) {
                return Optional.of(repository
                        .find(realm.id(), SmsTemplateRules.USER_REPORT_LABEL)
                        .orElseGet(() -> SmsTemplateRules.defaultUserReportTemplate(enExpress(realm))));
            }
            return Optional.of(realm.settings(SmsRealmSettings.class).smsTextTemplate());
        }
        if (label.trim().equals(SmsTemplateRules.DEFAULT_LABEL)) {
            return Optional.of(realm.settings(SmsRealmSettings.class).smsTextTemplate());
        }
        return repository.find(realm.id(), label.trim());
    }

    String render(Realm realm, String template, String shortCode, String longCode, boolean userReport) {
        String region = realm.regionCode() == null ? "" : realm.regionCode();
        String text = template.contains(SmsTemplateRules.ENS_LINK)
                ? template.replace(SmsTemplateRules.ENS_LINK, links.link(region, longCode))
                : template;
        // a user-report code's long code lives only as long as its short code
        CodeShapes.Shape shape = codes.of(realm);
        long longHours = userReport ? 0 : shape.longCodeDuration().toHours();
        return text.replace("[region]", region)
                .replace("[code]", shortCode)
                .replace("[expires]", Long.toString(shape.codeDuration().toMinutes()))
                .replace("[longcode]", longCode)
                .replace("[longexpires]", Long.toString(longHours));
    }
}
