package org.enverify.mobileapp.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileApps;
import org.enverify.mobileapp.NewMobileApp;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * A realm's phone apps, which the redirect role's association files and app links are built from:
 * list, add (iOS app id, or Android package with its signing certificates' fingerprints), disable.
 */
@UiController
class MobileAppPagesController {

    private final MobileApps mobileApps;

    MobileAppPagesController(MobileApps mobileApps) {
        this.mobileApps = mobileApps;
    }

    /** The add form as typed; fingerprints one per line. */
    record AppForm(String name, String os, String appId, String url, String fingerprints, Boolean disableRedirect) {

        static AppForm empty() {
            return new AppForm("", "android", "", "", "", false);
        }

        NewMobileApp toNewApp() {
            List<String> shas = fingerprints == null
                    ? List.of()
                    : Arrays.stream(fingerprints.split("[\\r\\n]+"))
                            .map(String::strip)
                            .filter(line -> !line.isEmpty())
                            .limit(50)
                            .toList();
            return new NewMobileApp(name, os, appId, url, shas, Boolean.TRUE.equals(disableRedirect));
        }
    }

    @GetMapping("/realm/mobile-apps")
    @RequirePermission(Permission.MOBILE_APP_READ)
    String list(UiContext ui, Model model) {
        return page(ui, AppForm.empty(), model);
    }

    @PostMapping("/realm/mobile-apps")
    @RequirePermission(Permission.MOBILE_APP_WRITE)
    String add(UiContext ui, AppForm form, Model model, HttpServletResponse response) {
        try {
            mobileApps.add(
                    ui.requireRealm().id(),
                    form.toNewApp(),
                    Actor.user(ui.viewer().id()));
        } catch (Refusal refused) {
            return FormErrors.show(model, response, page(ui, form, model), refused);
        }
        return "redirect:/realm/mobile-apps?added";
    }

    @PostMapping("/realm/mobile-apps/{id}/disable")
    @Confirm("mobileApps.disable")
    @RequirePermission(Permission.MOBILE_APP_WRITE)
    String disable(UiContext ui, @PathVariable long id) {
        MobileApp app = mobileApps.list(ui.requireRealm().id()).stream()
                .filter(candidate -> candidate.id() == id)
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        mobileApps.disable(app.realm(), app.id(), Actor.user(ui.viewer().id()));
        return "redirect:/realm/mobile-apps";
    }

    private String page(UiContext ui, AppForm form, Model model) {
        model.addAttribute("apps", mobileApps.list(ui.requireRealm().id()));
        model.addAttribute("form", form);
        return "mobileapps/list";
    }
}
