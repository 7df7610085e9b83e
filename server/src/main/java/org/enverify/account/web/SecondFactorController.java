package org.enverify.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.enverify.account.Passkeys;
import org.enverify.account.SecondFactors;
import org.enverify.account.SignInThrottle;
import org.enverify.account.SignedInUser;
import org.enverify.account.TotpEnrolment;
import org.enverify.account.Users;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.ui.FormErrors;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second factor: completing a sign-in with a code from the authenticator app or a recovery code
 * ({@code /login/mfa}; passkeys go through {@code /login/webauthn}), and setting up or removing an
 * authenticator app and passkeys ({@code /account/mfa}).
 */
@UiController
class SecondFactorController {

    private static final String CHALLENGE = "account/second-factor";
    private static final String OVERVIEW = "account/mfa";
    private static final String ENROL = "account/mfa-totp";
    private static final String RECOVERY_CODES = "account/mfa-recovery-codes";

    private final SecondFactors secondFactors;
    private final Passkeys passkeys;
    private final Users users;
    private final SignInThrottle limiter;
    private final ClientAddresses clients;
    private final SessionAuthenticationStrategy newSession =
            UiSecurityConfiguration.newSession(UiSecurityConfiguration.csrfTokens());
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SecondFactorController(
            SecondFactors secondFactors,
            Passkeys passkeys,
            Users users,
            SignInThrottle limiter,
            ClientAddresses clients) {
        this.secondFactors = secondFactors;
        this.passkeys = passkeys;
        this.users = users;
        this.limiter = limiter;
        this.clients = clients;
    }

    @GetMapping("/login/mfa")
    String challenge(@AuthenticationPrincipal SignedInUser principal, Model model) {
        if (!pending()) {
            return "redirect:/login/continue";
        }
        return challengePage(principal, model);
    }

    @PostMapping("/login/mfa")
    String answer(
            @AuthenticationPrincipal SignedInUser principal,
            @RequestParam(defaultValue = "") String code,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (!pending()) {
            return "redirect:/login/continue";
        }
        Optional<Duration> wait = throttle(principal.userId(), request);
        if (wait.isPresent()) {
            response.setStatus(429);
            model.addAttribute("throttled", Math.max(1, wait.get().toMinutes() + 1));
            return challengePage(principal, model);
        }
        if (!secondFactors.verify(principal.userId(), code)) {
            return FormErrors.show(model, response, challengePage(principal, model), "code", "mfa.codeWrong");
        }
        Authentication signedIn = principal.signedIn();
        newSession.onAuthentication(signedIn, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signedIn);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/login/continue";
    }

    @GetMapping("/account/mfa")
    String overview(UiContext ui, Model model) {
        return overviewPage(ui, model);
    }

    @PostMapping("/account/mfa/totp")
    String startTotp(UiContext ui, Model model) {
        Optional<TotpEnrolment> enrolment =
                secondFactors.startTotp(users.find(ui.viewer().id()).orElseThrow());
        if (enrolment.isEmpty()) {
            return "redirect:/account/mfa";
        }
        return enrolPage(enrolment.get(), model);
    }

    @PostMapping("/account/mfa/totp/confirm")
    String confirmTotp(
            UiContext ui, @RequestParam(defaultValue = "") String code, Model model, HttpServletResponse response) {
        Optional<List<String>> recoveryCodes =
                secondFactors.confirmTotp(ui.viewer().id(), code);
        if (recoveryCodes.isPresent()) {
            model.addAttribute("recoveryCodes", recoveryCodes.get());
            return RECOVERY_CODES;
        }
        Optional<TotpEnrolment> pending =
                secondFactors.pendingTotp(users.find(ui.viewer().id()).orElseThrow());
        if (pending.isEmpty()) {
            return "redirect:/account/mfa";
        }
        return FormErrors.show(model, response, enrolPage(pending.get(), model), "code", "mfa.codeWrong");
    }

    @PostMapping("/account/mfa/totp/disable")
    String disableTotp(
            UiContext ui,
            @RequestParam(defaultValue = "") String password,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<String> refused = passwordRefused(ui, password, request);
        if (refused.isPresent()) {
            return FormErrors.show(model, response, overviewPage(ui, model), "totpPassword", refused.get());
        }
        secondFactors.disableTotp(ui.viewer().id());
        return "redirect:/account/mfa?totpDisabled";
    }

    @PostMapping("/account/mfa/passkeys/delete")
    String deletePasskey(
            UiContext ui,
            @RequestParam(defaultValue = "") String id,
            @RequestParam(defaultValue = "") String password,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<String> refused = passwordRefused(ui, password, request);
        if (refused.isPresent()) {
            model.addAttribute("failedPasskey", id);
            return FormErrors.show(model, response, overviewPage(ui, model), "passkeyPassword", refused.get());
        }
        passkeys.delete(ui.viewer().id(), id);
        return "redirect:/account/mfa?passkeyDeleted";
    }

    /** Where Spring Security's registration script goes after adding a passkey. */
    @GetMapping("/webauthn/register")
    String passkeyRegistered() {
        return "redirect:/account/mfa?passkeyAdded";
    }

    /** Why the password does not confirm removing a factor: throttled like sign-in, or wrong. */
    private Optional<String> passwordRefused(UiContext ui, String password, HttpServletRequest request) {
        if (throttle(ui.viewer().id(), request).isPresent()) {
            return Optional.of("mfa.tooManyAttempts");
        }
        if (password.length() > 1000 || !users.passwordMatches(ui.viewer().id(), password)) {
            return Optional.of("password.wrong");
        }
        return Optional.empty();
    }

    private Optional<Duration> throttle(long userId, HttpServletRequest request) {
        return limiter.admitSignIn(
                "second-factor:" + userId, clients.of(request).getHostAddress());
    }

    private String challengePage(SignedInUser principal, Model model) {
        model.addAttribute("totp", secondFactors.totpEnabled(principal.userId()));
        model.addAttribute("passkeys", !passkeys.of(principal.userId()).isEmpty());
        return CHALLENGE;
    }

    private String overviewPage(UiContext ui, Model model) {
        long userId = ui.viewer().id();
        model.addAttribute("totpEnabled", secondFactors.totpEnabled(userId));
        model.addAttribute("recoveryCodesLeft", secondFactors.unusedRecoveryCodes(userId));
        model.addAttribute("passkeyList", passkeys.of(userId));
        return OVERVIEW;
    }

    private static String enrolPage(TotpEnrolment enrolment, Model model) {
        model.addAttribute("secret", enrolment.secret());
        model.addAttribute("qrCode", QrCode.svg(enrolment.uri()));
        return ENROL;
    }

    private static boolean pending() {
        return SignedInUser.secondFactorPending(
                SecurityContextHolder.getContext().getAuthentication());
    }
}
