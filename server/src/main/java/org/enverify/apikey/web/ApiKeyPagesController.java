package org.enverify.apikey.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.apikey.CreatedApiKey;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.realm.Permission;
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
 * A realm's API keys: list, create (the key is shown once, in the response to the creation, and never
 * again), disable and enable. A key of another realm is not found.
 */
@UiController
class ApiKeyPagesController {

    private final ApiKeys apiKeys;

    ApiKeyPagesController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @GetMapping("/realm/apikeys")
    @RequirePermission(Permission.API_KEY_READ)
    String list(UiContext ui, Model model) {
        return listPage(ui, model, "", "DEVICE");
    }

    @PostMapping("/realm/apikeys")
    @RequirePermission(Permission.API_KEY_WRITE)
    String create(
            UiContext ui,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String type,
            Model model,
            HttpServletResponse response) {
        Optional<ApiKeyType> keyType = Arrays.stream(ApiKeyType.values())
                .filter(candidate -> candidate.name().equals(type.toUpperCase(Locale.ROOT)))
                .findFirst();
        if (keyType.isEmpty()) {
            return FormErrors.show(model, response, listPage(ui, model, name, "DEVICE"), "type", "apikeys.typeInvalid");
        }
        try {
            CreatedApiKey created = apiKeys.create(
                    ui.requireRealm().id(),
                    keyType.get(),
                    name,
                    Actor.user(ui.viewer().id()));
            model.addAttribute("created", created);
            return listPage(ui, model, "", "DEVICE");
        } catch (Refusal refused) {
            return FormErrors.show(model, response, listPage(ui, model, name, type), refused);
        }
    }

    @PostMapping("/realm/apikeys/{id}/disable")
    @Confirm("apikeys.disable")
    @RequirePermission(Permission.API_KEY_WRITE)
    String disable(UiContext ui, @PathVariable long id) {
        return setEnabled(ui, id, false);
    }

    @PostMapping("/realm/apikeys/{id}/enable")
    @RequirePermission(Permission.API_KEY_WRITE)
    String enable(UiContext ui, @PathVariable long id) {
        return setEnabled(ui, id, true);
    }

    private String setEnabled(UiContext ui, long id, boolean enabled) {
        ApiKeySummary key = apiKeys.find(ui.requireRealm().id(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (enabled) {
            apiKeys.enable(key.realm(), key.id(), Actor.user(ui.viewer().id()));
        } else {
            apiKeys.disable(key.realm(), key.id(), Actor.user(ui.viewer().id()));
        }
        return "redirect:/realm/apikeys";
    }

    private String listPage(UiContext ui, Model model, String name, String type) {
        model.addAttribute("keys", apiKeys.list(ui.requireRealm().id()));
        model.addAttribute("types", ApiKeyType.values());
        model.addAttribute("name", name);
        model.addAttribute("type", type);
        return "apikeys/list";
    }
}
