package org.enverify.events.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.enverify.events.EventType;
import org.enverify.events.WebhookEndpoint;
import org.enverify.events.WebhookEndpoints;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.realm.Permission;
import org.enverify.realm.RealmId;
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
 * A realm's event webhooks: subscribe HTTPS endpoints, rotate their signing secrets (each shown once, in the answer
 * that made it), disable, enable and delete them, and read and redeliver their deliveries. Another realm's endpoints
 * are not found.
 */
@UiController
class WebhookPagesController {

    static final int DELIVERIES_SHOWN = 100;

    private final WebhookEndpoints endpoints;

    WebhookPagesController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @GetMapping("/realm/webhooks")
    @RequirePermission(Permission.SETTINGS_READ)
    String list(UiContext ui, Model model) {
        return listPage(ui, model, "", List.of());
    }

    @PostMapping("/realm/webhooks")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String create(
            UiContext ui,
            @RequestParam(defaultValue = "") String url,
            @RequestParam(name = "events", required = false) List<String> events,
            Model model,
            HttpServletResponse response) {
        List<String> types = events == null ? List.of() : events;
        if (types.isEmpty()) {
            return FormErrors.show(
                    model, response, listPage(ui, model, url, types), "events", "webhooks.eventsRequired");
        }
        try {
            WebhookEndpoints.Created created = endpoints.create(
                    ui.requireRealm().id(), url, types, Actor.user(ui.viewer().id()));
            model.addAttribute("secret", created.secret());
            model.addAttribute("secretFor", created.id());
            return listPage(ui, model, "", List.of());
        } catch (Refusal refused) {
            return FormErrors.show(model, response, listPage(ui, model, url, types), refused);
        }
    }

    @GetMapping("/realm/webhooks/{id}")
    @RequirePermission(Permission.SETTINGS_READ)
    String deliveries(UiContext ui, @PathVariable long id, Model model) {
        RealmId realm = ui.requireRealm().id();
        WebhookEndpoint endpoint = endpoint(realm, id);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("deliveries", endpoints.deliveries(realm, endpoint.id(), DELIVERIES_SHOWN));
        return "webhooks/show";
    }

    @PostMapping("/realm/webhooks/{id}/rotate")
    @Confirm("webhooks.rotate")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String rotate(UiContext ui, @PathVariable long id, Model model) {
        RealmId realm = ui.requireRealm().id();
        long endpoint = endpoint(realm, id).id();
        model.addAttribute(
                "secret",
                endpoints.rotateSecret(
                        realm,
                        endpoint,
                        WebhookEndpoints.ROTATION_OVERLAP,
                        Actor.user(ui.viewer().id())));
        model.addAttribute("secretFor", endpoint);
        return listPage(ui, model, "", List.of());
    }

    @PostMapping("/realm/webhooks/{id}/disable")
    @Confirm("webhooks.disable")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String disable(UiContext ui, @PathVariable long id) {
        RealmId realm = ui.requireRealm().id();
        WebhookEndpoint endpoint = endpoint(realm, id);
        if (endpoint.disabledAt() == null) {
            endpoints.disable(realm, endpoint.id(), Actor.user(ui.viewer().id()));
        }
        return "redirect:/realm/webhooks?saved";
    }

    @PostMapping("/realm/webhooks/{id}/enable")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String enable(UiContext ui, @PathVariable long id) {
        RealmId realm = ui.requireRealm().id();
        endpoints.enable(realm, endpoint(realm, id).id(), Actor.user(ui.viewer().id()));
        return "redirect:/realm/webhooks?saved";
    }

    @PostMapping("/realm/webhooks/{id}/delete")
    @Confirm("webhooks.delete")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String delete(UiContext ui, @PathVariable long id) {
        RealmId realm = ui.requireRealm().id();
        endpoints.delete(realm, endpoint(realm, id).id(), Actor.user(ui.viewer().id()));
        return "redirect:/realm/webhooks?deleted";
    }

    @PostMapping("/realm/webhooks/{id}/redeliver")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String redeliver(UiContext ui, @PathVariable long id, @RequestParam(defaultValue = "") String event) {
        RealmId realm = ui.requireRealm().id();
        WebhookEndpoint endpoint = endpoint(realm, id);
        UUID eventId = endpoints.deliveries(realm, endpoint.id(), DELIVERIES_SHOWN).stream()
                .map(delivery -> delivery.eventId())
                .filter(known -> known.toString().equals(event.trim()))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        endpoints.redeliver(
                realm, endpoint.id(), eventId, Actor.user(ui.viewer().id()));
        return "redirect:/realm/webhooks/" + endpoint.id() + "?redelivered";
    }

    private String listPage(UiContext ui, Model model, String url, List<String> chosen) {
        model.addAttribute("endpoints", endpoints.list(ui.requireRealm().id()));
        model.addAttribute(
                "eventTypes",
                Arrays.stream(EventType.values()).map(EventType::wireName).toList());
        model.addAttribute("url", url);
        model.addAttribute("chosen", chosen);
        return "webhooks/list";
    }

    private WebhookEndpoint endpoint(RealmId realm, long id) {
        return endpoints.list(realm).stream()
                .filter(endpoint -> endpoint.id() == id)
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
