package org.enverify.account.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.enverify.account.Memberships;
import org.enverify.account.Users;
import org.enverify.platform.Refusal;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.ui.FormErrors;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A person's own account: name, password, and the realms they belong to. */
@UiController
class AccountController {

    private final Users users;
    private final Memberships memberships;
    private final Realms realms;

    AccountController(Users users, Memberships memberships, Realms realms) {
        this.users = users;
        this.memberships = memberships;
        this.realms = realms;
    }

    @GetMapping("/account")
    String account(UiContext ui, Model model) {
        return page(ui, ui.viewer().name(), model);
    }

    @PostMapping("/account")
    String rename(
            UiContext ui, @RequestParam(defaultValue = "") String name, Model model, HttpServletResponse response) {
        try {
            users.rename(ui.viewer().id(), name);
        } catch (Refusal e) {
            return FormErrors.show(model, response, page(ui, name, model), e);
        }
        return "redirect:/account?saved";
    }

    private String page(UiContext ui, String name, Model model) {
        List<Realm> memberOf = memberships.ofUser(ui.viewer().id()).stream()
                .map(membership -> realms.find(membership.realmId()))
                .flatMap(Optional::stream)
                .toList();
        model.addAttribute("memberOf", memberOf);
        model.addAttribute("name", name);
        return "account/account";
    }
}
