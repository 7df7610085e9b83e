package org.enverify.userreport.web;

import jakarta.servlet.http.HttpServletResponse;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.realm.Permission;
import org.enverify.ui.Confirm;
import org.enverify.ui.FormErrors;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.enverify.userreport.UserReports;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Lets a realm administrator forget a phone's user report so that the person can report again. Upstream keeps this
 * to system administrators over one global table; here reports belong to a realm, so its settings writers do it.
 */
@UiController
class UserReportPurgeController {

    private final UserReports userReports;

    UserReportPurgeController(UserReports userReports) {
        this.userReports = userReports;
    }

    @GetMapping("/realm/user-reports")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String show() {
        return "userreport/purge";
    }

    @PostMapping("/realm/user-reports/purge")
    @Confirm("userReports.purge")
    @RequirePermission(Permission.SETTINGS_WRITE)
    String purge(
            UiContext ui, @RequestParam(defaultValue = "") String phone, Model model, HttpServletResponse response) {
        boolean purged;
        try {
            purged = userReports.purge(
                    ui.requireRealm(), phone, Actor.user(ui.viewer().id()));
        } catch (Refusal invalid) {
            model.addAttribute("phone", phone);
            return FormErrors.show(model, response, "userreport/purge", "phone", "userReports.phoneInvalid");
        }
        return "redirect:/realm/user-reports?" + (purged ? "purged" : "none");
    }
}
