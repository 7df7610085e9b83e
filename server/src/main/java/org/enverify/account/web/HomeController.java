package org.enverify.account.web;

import org.enverify.ui.UiController;
import org.springframework.web.bind.annotation.GetMapping;

/** The root of the web UI, which the security chain sends to sign-in when no one is signed in. */
@UiController
class HomeController {

    @GetMapping("/")
    String home() {
        return "redirect:/login/continue";
    }
}
