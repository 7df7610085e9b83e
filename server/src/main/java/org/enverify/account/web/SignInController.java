package org.enverify.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.enverify.account.AccountLinks;
import org.enverify.account.Invitations;
import org.enverify.account.Membership;
import org.enverify.account.Memberships;
import org.enverify.account.OidcSettings;
import org.enverify.account.PasswordResets;
import org.enverify.account.PublicUrls;
import org.enverify.account.SelectedRealm;
import org.enverify.account.SignedInUser;
import org.enverify.account.Users;
import org.enverify.platform.Refusal;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.ui.FormErrors;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in, choosing a realm, and the pages of account mails: invitations and password resets. */
@UiController
class SignInController {

    private static final Logger log = LoggerFactory.getLogger(SignInController.class);

    private final Users users;
    private final Memberships memberships;
    private final Realms realms;
    private final Invitations invitations;
    private final PasswordResets resets;
    private final AccountLinks links;
    private final PublicUrls publicUrls;
    private final OidcSettings oidc;

    SignInController(
            Users users,
            Memberships memberships,
            Realms realms,
            Invitations invitations,
            PasswordResets resets,
            AccountLinks links,
            PublicUrls publicUrls,
            OidcSettings oidc) {
        this.users = users;
        this.memberships = memberships;
        this.realms = realms;
        this.invitations = invitations;
        this.resets = resets;
        this.links = links;
        this.publicUrls = publicUrls;
        this.oidc = oidc;
    }

    @GetMapping("/login")
    String signIn(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        boolean passkeyRefused =
                session != null && session.getAttribute(UiSecurityConfiguration.PASSKEY_REFUSED) != null;
        if (passkeyRefused) {
            session.removeAttribute(UiSecurityConfiguration.PASSKEY_REFUSED);
            if (request.getParameter("error") != null
                    && SignedInUser.secondFactorPending(
                            SecurityContextHolder.getContext().getAuthentication())) {
                return "redirect:/login/mfa?passkeyRefused";
            }
        }
        if (oidc.enabled()) {
            model.addAttribute("oidcName", oidc.name());
            model.addAttribute("oidcStart", OidcSignIn.START);
        }
        String throttled = request.getParameter("throttled");
        if (throttled != null && throttled.matches("[0-9]{1,6}")) {
            // a number, for the message's plural rules; the throttle filter sends whole minutes
            model.addAttribute("throttledMinutes", Integer.parseInt(throttled));
        }
        return "account/login";
    }

    /** Why the OpenID Connect provider's sign-in opened no session: unverified address, unknown account, or failed. */
    @GetMapping("/login/oidc-refused")
    String oidcRefused(@RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute(
                "reason", List.of("email_unverified", "unknown_account").contains(reason) ? reason : "failed");
        model.addAttribute("oidcName", oidc.name());
        return "account/oidc-refused";
    }

    /** After sign-in: a forced password change first, then the realm, then its landing page. */
    @GetMapping("/login/continue")
    String afterSignIn(UiContext ui, HttpServletRequest request) {
        if (ui.realm() != null) {
            return "redirect:" + Landing.pageFor(ui.permissions());
        }
        if (SelectedRealm.fixedByHost(request)) {
            return "redirect:/account";
        }
        List<Membership> held = memberships.ofUser(ui.viewer().id());
        if (held.size() == 1) {
            SelectedRealm.choose(request, held.getFirst().realmId());
            return "redirect:" + Landing.pageFor(held.getFirst().permissions());
        }
        if (held.isEmpty()) {
            return ui.viewer().systemAdmin() ? "redirect:/admin/realms" : "redirect:/account";
        }
        return "redirect:/login/select-realm";
    }

    @GetMapping("/login/select-realm")
    String realmPicker(UiContext ui, Model model) {
        model.addAttribute("choices", choices(ui));
        return "account/select-realm";
    }

    @PostMapping("/login/select-realm")
    String selectRealm(UiContext ui, @RequestParam(defaultValue = "") String realm, HttpServletRequest request) {
        Optional<Membership> chosen =
                parseId(realm).flatMap(id -> memberships.find(id, ui.viewer().id()));
        if (chosen.isEmpty() || SelectedRealm.fixedByHost(request)) {
            return "redirect:/login/select-realm";
        }
        SelectedRealm.choose(request, chosen.get().realmId());
        return "redirect:" + Landing.pageFor(chosen.get().permissions());
    }

    @GetMapping("/login/network-refused")
    String networkRefused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "account/network-refused";
    }

    @GetMapping("/login/change-password")
    String changePasswordForm() {
        return "account/change-password";
    }

    /** The change-password form as posted; a field left out counts as empty. */
    record PasswordChange(String currentPassword, String password, String confirmation) {

        PasswordChange {
            currentPassword = Objects.requireNonNullElse(currentPassword, "");
            password = Objects.requireNonNullElse(password, "");
            confirmation = Objects.requireNonNullElse(confirmation, "");
        }
    }

    @PostMapping("/login/change-password")
    String changePassword(UiContext ui, PasswordChange change, Model model, HttpServletResponse response) {
        if (!users.passwordMatches(ui.viewer().id(), change.currentPassword())) {
            return FormErrors.show(model, response, "account/change-password", "currentPassword", "password.wrong");
        }
        if (!change.password().equals(change.confirmation())) {
            return FormErrors.show(model, response, "account/change-password", "confirmation", "password.mismatch");
        }
        try {
            users.setPassword(ui.viewer().id(), change.password());
        } catch (Refusal e) {
            return FormErrors.show(model, response, "account/change-password", e);
        }
        return "redirect:/login/continue";
    }

    @GetMapping("/login/forgot-password")
    String forgotPasswordForm() {
        return "account/forgot-password";
    }

    @PostMapping("/login/forgot-password")
    String forgotPassword(@RequestParam(defaultValue = "") String email, HttpServletRequest request, Locale locale) {
        if (!email.isBlank() && email.length() <= 250) {
            try {
                resets.request(email, publicUrls.baseFor(request), locale);
            } catch (Refusal unknownHost) {
                // Answered as if mailed, so the page tells nothing about the account.
                log.warn("No password reset mailed: the request came by a host name that is not ENVERIFY_PUBLIC_URL");
            }
        }
        return "redirect:/login?resetSent";
    }

    @GetMapping("/login/reset/{token}")
    String resetForm(@PathVariable String token, Model model, HttpServletResponse response) {
        model.addAttribute("token", token);
        return linkPage(
                links.peek(AccountLinks.Purpose.PASSWORD_RESET, token), "account/reset-password", model, response);
    }

    @PostMapping("/login/reset/{token}")
    String reset(
            @PathVariable String token,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmation,
            Model model,
            HttpServletResponse response) {
        return choosePassword(
                token,
                password,
                confirmation,
                resets::reset,
                "account/reset-password",
                "passwordReset",
                model,
                response);
    }

    @GetMapping("/invitations/{token}")
    String invitationForm(@PathVariable String token, Model model, HttpServletResponse response) {
        model.addAttribute("token", token);
        AccountLinks.Link link = links.peek(AccountLinks.Purpose.INVITATION, token);
        if (link.state() == AccountLinks.State.VALID) {
            users.find(link.userId()).ifPresent(user -> model.addAttribute("invitedEmail", user.email()));
            Optional.ofNullable(link.realm())
                    .flatMap(realms::find)
                    .ifPresent(realm -> model.addAttribute("realmName", realm.name()));
        }
        return linkPage(link, "account/invitation", model, response);
    }

    @PostMapping("/invitations/{token}")
    String acceptInvitation(
            @PathVariable String token,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirmation,
            Model model,
            HttpServletResponse response) {
        return choosePassword(
                token,
                password,
                confirmation,
                invitations::accept,
                "account/invitation",
                "invitationAccepted",
                model,
                response);
    }

    /**
     * Sets a password through a mailed link: a mismatch or a refused password re-renders the form (the link
     * stays usable), a link that no longer works says why, and success sends the person to sign in.
     */
    private static String choosePassword(
            String token,
            String password,
            String confirmation,
            BiFunction<String, String, AccountLinks.State> use,
            String form,
            String signInNotice,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("token", token);
        if (!password.equals(confirmation)) {
            return FormErrors.show(model, response, form, "confirmation", "password.mismatch");
        }
        try {
            AccountLinks.State state = use.apply(token, password);
            return state == AccountLinks.State.VALID
                    ? "redirect:/login?" + signInNotice
                    : linkPage(new AccountLinks.Link(state, 0, null), form, model, response);
        } catch (Refusal e) {
            return FormErrors.show(model, response, form, e);
        }
    }

    /** A link's form, or a page saying plainly why the link no longer works (410 Gone, 404 for an unknown link). */
    private static String linkPage(AccountLinks.Link link, String form, Model model, HttpServletResponse response) {
        if (link.state() == AccountLinks.State.VALID) {
            return form;
        }
        response.setStatus(link.state() == AccountLinks.State.UNKNOWN ? 404 : 410);
        model.addAttribute("linkState", link.state().name().toLowerCase(Locale.ROOT));
        return "account/link-unusable";
    }

    private List<Realm> choices(UiContext ui) {
        return memberships.ofUser(ui.viewer().id()).stream()
                .map(membership -> realms.find(membership.realmId()))
                .flatMap(Optional::stream)
                .toList();
    }

    private static Optional<RealmId> parseId(String text) {
        try {
            long id = Long.parseLong(text.strip());
            return id > 0 ? Optional.of(new RealmId(id)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
