package org.enverify.sms.web;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.sms.SmsRealmSettings;
import org.enverify.sms.SmsSenders;
import org.enverify.sms.SmsSigningKeys;
import org.enverify.sms.SmsTemplateRules;
import org.enverify.sms.SmsTemplates;
import org.enverify.sms.SystemSenderNotAllowedException;
import org.enverify.ui.Confirm;
import org.enverify.ui.FormErrors;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A realm's SMS: who sends them (its own Twilio account, the system account with a chosen sender number, or the
 * installation's default), its alternate templates and its SMS signing keys. The auth token is never shown back:
 * the page says whether one is set, and a blank field keeps it.
 */
@UiController
class SmsPagesController {

    private final SmsSenders senders;
    private final SmsTemplates templates;
    private final SmsSigningKeys keys;
    private final OutboundUrls urls;

    SmsPagesController(SmsSenders senders, SmsTemplates templates, SmsSigningKeys keys, OutboundUrls urls) {
        this.senders = senders;
        this.templates = templates;
        this.keys = keys;
        this.urls = urls;
    }

    @GetMapping("/realm/sms")
    @RequirePermission(Permission.SETTINGS_READ)
    String show(UiContext ui, Model model) {
        return page(ui, model, Map.of(), Map.of());
    }

    /** The sender form as posted; a field left out counts as empty. */
    record SenderForm(
            String kind, String accountSid, String authToken, String from, String userReportFrom, String systemFrom) {

        SenderForm {
            kind = nullToEmpty(kind);
            accountSid = nullToEmpty(accountSid);
            authToken = nullToEmpty(authToken);
            from = nullToEmpty(from);
            userReportFrom = nullToEmpty(userReportFrom);
            systemFrom = nullToEmpty(systemFrom);
        }

        /** What the page shows again when the form is refused: everything but the token. */
        Map<String, String> shownAgain() {
            Map<String, String> posted = new LinkedHashMap<>();
            posted.put("kind", kind);
            posted.put("accountSid", accountSid);
            posted.put("from", from);
            posted.put("userReportFrom", userReportFrom);
            posted.put("systemFrom", systemFrom);
            return posted;
        }
    }

    @PostMapping("/realm/sms/sender")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String saveSender(UiContext ui, SenderForm form, Model model, HttpServletResponse response) {
        Realm realm = ui.requireRealm();
        Actor actor = Actor.user(ui.viewer().id());
        try {
            switch (form.kind()) {
                case "twilio" ->
                    senders.useOwnTwilio(
                            realm.id(), form.accountSid(), form.authToken(), form.from(), form.userReportFrom(), actor);
                case "system" -> senders.useSystem(realm.id(), form.systemFrom(), actor);
                case "default" -> senders.useDefault(realm.id(), actor);
                default -> {
                    return FormErrors.show(
                            model, response, page(ui, model, form.shownAgain(), Map.of()), "kind", "sms.error.kind");
                }
            }
        } catch (Refusal refused) {
            return FormErrors.show(model, response, page(ui, model, form.shownAgain(), Map.of()), refused);
        } catch (SystemSenderNotAllowedException refused) {
            return FormErrors.show(
                    model,
                    response,
                    page(ui, model, form.shownAgain(), Map.of()),
                    "systemFrom",
                    "sms.error.systemNotAllowed");
        }
        return "redirect:/realm/sms?saved";
    }

    @PostMapping("/realm/sms/report-webhook")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String saveReportWebhook(
            UiContext ui,
            @RequestParam(defaultValue = "") String url,
            @RequestParam(defaultValue = "") String secret,
            Model model,
            HttpServletResponse response) {
        Realm realm = ui.requireRealm();
        Actor actor = Actor.user(ui.viewer().id());
        if (url.isBlank()) {
            senders.setReportWebhook(realm.id(), null, null, actor);
            return "redirect:/realm/sms?saved";
        }
        URI checked;
        try {
            checked = urls.check(url.strip());
        } catch (IllegalArgumentException refused) {
            String view = reportWebhookPage(ui, model, url);
            return FormErrors.show(model, response, view, "reportWebhookUrl", "sms.error.reportWebhookUrl");
        }
        try {
            senders.setReportWebhook(realm.id(), checked, secret, actor);
        } catch (Refusal refused) {
            String view = reportWebhookPage(ui, model, url);
            return FormErrors.show(model, response, view, refused);
        }
        return "redirect:/realm/sms?saved";
    }

    /** The page again with the webhook URL as it was posted. */
    private String reportWebhookPage(UiContext ui, Model model, String url) {
        String view = page(ui, model, Map.of(), Map.of());
        model.addAttribute("reportWebhookUrl", url);
        return view;
    }

    @PostMapping("/realm/sms/templates")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String saveTemplate(
            UiContext ui,
            @RequestParam(defaultValue = "") String label,
            @RequestParam(defaultValue = "") String text,
            Model model,
            HttpServletResponse response) {
        try {
            templates.save(
                    ui.requireRealm(), label, text, Actor.user(ui.viewer().id()));
        } catch (Refusal refused) {
            return FormErrors.show(
                    model, response, page(ui, model, Map.of(), Map.of("label", label, "text", text)), refused);
        }
        return "redirect:/realm/sms?saved";
    }

    @PostMapping("/realm/sms/templates/remove")
    @Confirm("sms.templates.remove")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String removeTemplate(UiContext ui, @RequestParam(defaultValue = "") String label) {
        if (!templates.remove(
                ui.requireRealm().id(), label, Actor.user(ui.viewer().id()))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/realm/sms?saved";
    }

    @PostMapping("/realm/sms/keys")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String createKey(UiContext ui, Model model, HttpServletResponse response) {
        try {
            keys.create(ui.requireRealm().id(), Actor.user(ui.viewer().id()));
        } catch (IllegalArgumentException refused) {
            return FormErrors.show(model, response, page(ui, model, Map.of(), Map.of()), "keys", "sms.keys.tooMany");
        }
        return "redirect:/realm/sms?saved";
    }

    @PostMapping("/realm/sms/keys/{id}/activate")
    @Confirm("sms.keys.activate")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String activateKey(UiContext ui, @PathVariable long id) {
        return changeKey(ui, id, keys::activate);
    }

    @PostMapping("/realm/sms/keys/{id}/disable")
    @Confirm("sms.keys.disable")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String disableKey(UiContext ui, @PathVariable long id) {
        return changeKey(ui, id, keys::disable);
    }

    private String changeKey(UiContext ui, long id, KeyChange change) {
        try {
            change.apply(ui.requireRealm().id(), id, Actor.user(ui.viewer().id()));
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/realm/sms?saved";
    }

    /** Activating or disabling a signing key; both refuse a key the realm does not have. */
    private interface KeyChange {
        void apply(RealmId realm, long keyId, Actor actor);
    }

    private String page(UiContext ui, Model model, Map<String, String> sender, Map<String, String> template) {
        Realm realm = ui.requireRealm();
        SmsSenders.Configuration configuration = senders.configuration(realm.id());
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("kind", configuration.kind());
        shown.put("accountSid", nullToEmpty(configuration.accountSid()));
        shown.put("from", "twilio".equals(configuration.kind()) ? nullToEmpty(configuration.from()) : "");
        shown.put("userReportFrom", nullToEmpty(configuration.userReportFrom()));
        shown.put("systemFrom", "system".equals(configuration.kind()) ? nullToEmpty(configuration.from()) : "");
        shown.putAll(sender);
        model.addAttribute("sender", shown);
        model.addAttribute("authTokenSet", configuration.authTokenSet() && "twilio".equals(configuration.kind()));
        model.addAttribute("systemLabels", senders.mayUseSystem(realm.id()) ? senders.systemSenderLabels() : Set.of());
        Map<String, String> alternates = new LinkedHashMap<>(templates.list(realm));
        alternates.remove(SmsTemplateRules.DEFAULT_LABEL);
        model.addAttribute(
                "defaultTemplate", realm.settings(SmsRealmSettings.class).smsTextTemplate());
        model.addAttribute("templates", alternates);
        model.addAttribute("template", template);
        model.addAttribute(
                "keys",
                keys.list(realm.id()).stream()
                        .map(key -> new KeyRow(
                                key.id(),
                                key.kid(),
                                key.active(),
                                key.disabled(),
                                Base64.getEncoder().encodeToString(key.publicKey())))
                        .toList());
        model.addAttribute(
                "authenticatedSms", realm.settings(SmsRealmSettings.class).useAuthenticatedSms());
        model.addAttribute("reportWebhookUrl", nullToEmpty(configuration.reportWebhookUrl()));
        return "sms/settings";
    }

    /** A signing key as the page lists it, with its public key in base64 for the app's configuration. */
    record KeyRow(long id, String kid, boolean active, boolean disabled, String publicKey) {}

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
