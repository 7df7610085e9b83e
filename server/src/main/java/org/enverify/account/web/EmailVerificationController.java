package org.enverify.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.enverify.account.AccountLinks;
import org.enverify.account.EmailVerifications;
import org.enverify.account.Membership;
import org.enverify.account.Memberships;
import org.enverify.account.PublicUrls;
import org.enverify.account.Users;
import org.enverify.platform.Refusal;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.ui.FormErrors;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Verifying the account's email address: the page that sends the link (where a realm that requires a
 * verified address sends its members), and the link itself, which works without being signed in. Opening
 * the link only shows a button: a mail scanner that fetches links does not verify anything.
 */
@UiController
class EmailVerificationController {

    private final EmailVerifications verifications;
    private final AccountLinks links;
    private final Memberships memberships;
    private final Realms realms;
    private final PublicUrls publicUrls;
    private final Users users;

    EmailVerificationController(
            EmailVerifications verifications,
            AccountLinks links,
            Memberships memberships,
            Realms realms,
            PublicUrls publicUrls,
            Users users) {
        this.verifications = verifications;
        this.links = links;
        this.memberships = memberships;
        this.realms = realms;
        this.publicUrls = publicUrls;
        this.users = users;
    }

    @GetMapping("/account/verify-email")
    String page() {
        return "account/verify-email";
    }

    @PostMapping("/account/verify-email")
    String send(UiContext ui, HttpServletRequest request, Locale locale, Model model, HttpServletResponse response) {
        try {
            verifications.send(
                    users.find(ui.viewer().id()).orElseThrow(), realmOf(ui), publicUrls.baseFor(request), locale);
        } catch (Refusal refused) {
            return FormErrors.show(model, response, "account/verify-email", refused);
        }
        return "redirect:/account/verify-email?sent";
    }

    @GetMapping("/verify-email/{token}")
    String linkForm(@PathVariable String token, Model model, HttpServletResponse response) {
        return linkPage(token, links.peek(AccountLinks.Purpose.EMAIL_VERIFICATION, token), model, response);
    }

    @PostMapping("/verify-email/{token}")
    String verify(@PathVariable String token, Model model, HttpServletResponse response) {
        AccountLinks.State state = verifications.verify(token);
        if (state == AccountLinks.State.VALID) {
            model.addAttribute("verified", Boolean.TRUE);
        }
        return linkPage(token, new AccountLinks.Link(state, 0, null), model, response);
    }

    /** The realm whose mail text to use: the one the person works in, else their only one. */
    private Optional<Realm> realmOf(UiContext ui) {
        if (ui.realm() != null) {
            return Optional.of(ui.realm());
        }
        List<Membership> held = memberships.ofUser(ui.viewer().id());
        return held.size() == 1 ? realms.find(held.getFirst().realmId()) : Optional.empty();
    }

    private static String linkPage(String token, AccountLinks.Link link, Model model, HttpServletResponse response) {
        if (link.state() == AccountLinks.State.VALID) {
            model.addAttribute("token", token);
            return "account/verify-email-link";
        }
        response.setStatus(link.state() == AccountLinks.State.UNKNOWN ? 404 : 410);
        model.addAttribute("linkState", link.state().name().toLowerCase(Locale.ROOT));
        model.addAttribute("verification", Boolean.TRUE);
        return "account/link-unusable";
    }
}
