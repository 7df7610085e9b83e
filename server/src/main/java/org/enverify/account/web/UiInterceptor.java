package org.enverify.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.enverify.account.AccountRealmSettings;
import org.enverify.account.AccountSettings;
import org.enverify.account.EmailVerificationMode;
import org.enverify.account.Membership;
import org.enverify.account.Memberships;
import org.enverify.account.MfaMode;
import org.enverify.account.SecondFactors;
import org.enverify.account.SelectedRealm;
import org.enverify.account.SignedInUser;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.platform.net.ClientAddresses;
import org.enverify.platform.web.PageLanguage;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.ui.RequirePermission;
import org.enverify.ui.SystemAdminOnly;
import org.enverify.ui.UiContext;
import org.enverify.ui.UiController;
import org.enverify.ui.Viewer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every request to a {@link UiController} reads the account afresh: a deleted or revoked account, or a
 * session past its lifetime, is signed out at once; a generated password must be changed first; then
 * the realm, the membership and the handler's permission are checked, whatever the page showed, and
 * last the realm's account rules: email verification, password rotation and MFA mode. A session waiting
 * for its second factor gets the account checks only; one signed in through the OpenID Connect provider
 * leaves password rotation and the second factor to the provider. The person's saved language is applied, or
 * replaced by the one {@code ?lang=} chose.
 */
class UiInterceptor implements HandlerInterceptor {

    /** Set once a session was offered to set up a second factor, so {@code prompt} asks once. */
    static final String PROMPTED = "enverify.secondFactorPrompted";

    /** Request attribute for the layout: the realm asks the member to verify their email ({@code prompt}). */
    static final String EMAIL_UNVERIFIED = "enverify.emailUnverified";

    /** Request attribute for the layout: whole days until the realm's password rotation forces a change. */
    static final String PASSWORD_EXPIRES_IN_DAYS = "enverify.passwordExpiresInDays";

    private final Users users;
    private final Memberships memberships;
    private final Realms realms;
    private final AccountSettings settings;
    private final ClientAddresses clients;
    private final SecondFactors secondFactors;
    private final Clock clock;

    UiInterceptor(
            Users users,
            Memberships memberships,
            Realms realms,
            AccountSettings settings,
            ClientAddresses clients,
            SecondFactors secondFactors,
            Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.realms = realms;
        this.settings = settings;
        this.clients = clients;
        this.secondFactors = secondFactors;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)
                || !method.getBeanType().isAnnotationPresent(UiController.class)) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser principal)) {
            return true;
        }
        Optional<User> found = users.find(principal.userId());
        if (found.isEmpty() || sessionEnded(found.get(), principal)) {
            signOut(request);
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return false;
        }
        User user = found.get();
        rememberLanguage(user, request);
        if (SignedInUser.secondFactorPending(authentication)) {
            // the security chain lets such a session reach only the second-factor page and sign-out
            return true;
        }
        if (user.mustChangePassword() && !isPasswordChange(request)) {
            response.sendRedirect(request.getContextPath() + "/login/change-password");
            return false;
        }
        Realm realm = null;
        Membership membership = null;
        Optional<RealmId> selected = SelectedRealm.of(request);
        if (selected.isPresent()) {
            membership = memberships.find(selected.get(), user.id()).orElse(null);
            realm = membership == null ? null : realms.find(selected.get()).orElse(null);
            if (realm == null && !SelectedRealm.fixedByHost(request)) {
                SelectedRealm.forget(request);
            }
        }
        if (realm != null && !fromAllowedNetwork(realm, request)) {
            if (!SelectedRealm.fixedByHost(request)) {
                SelectedRealm.forget(request);
            }
            response.sendRedirect(request.getContextPath() + "/login/network-refused");
            return false;
        }
        UiContext context =
                new UiContext(viewer(user), realm, membership == null ? Set.of() : membership.permissions());
        request.setAttribute(UiContext.ATTRIBUTE, context);
        if (annotation(method, SystemAdminOnly.class) != null && !user.systemAdmin()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        RequirePermission required = annotation(method, RequirePermission.class);
        if (required != null) {
            if (context.realm() == null) {
                if (SelectedRealm.fixedByHost(request)) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                } else {
                    response.sendRedirect(request.getContextPath() + "/login/select-realm");
                }
                return false;
            }
            if (!Arrays.stream(required.value()).allMatch(context::can)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return false;
            }
            return emailSettled(realm, user, request, response)
                    && (principal.throughIdentityProvider()
                            || (passwordCurrent(realm, user, request, response)
                                    && secondFactorSettled(realm, membership, request, response)));
        }
        return true;
    }

    /** The language {@code ?lang=} chose is saved for the person; without one, their saved language applies. */
    private void rememberLanguage(User user, HttpServletRequest request) {
        Optional<Locale> chosen = PageLanguage.chosen(request);
        if (chosen.isPresent()) {
            if (!chosen.get().toLanguageTag().equals(user.language())) {
                users.setLanguage(user.id(), chosen.get());
            }
        } else if (user.language() != null) {
            PageLanguage.useSaved(request, Locale.forLanguageTag(user.language()));
        }
    }

    /** A realm may confine its web UI to its own address ranges ({@code allowed_cidrs_ui}); empty allows all. */
    private boolean fromAllowedNetwork(Realm realm, HttpServletRequest request) {
        return realm.uiNetworks().admits(() -> clients.of(request));
    }

    /**
     * The realm's {@code email_verification}: {@code required} sends a member whose address is not verified
     * to the verification page before any realm page; {@code prompt} has the layout show a notice.
     */
    private static boolean emailSettled(
            Realm realm, User user, HttpServletRequest request, HttpServletResponse response) throws IOException {
        EmailVerificationMode mode = realm.settings(AccountRealmSettings.class).emailVerification();
        if (mode == EmailVerificationMode.OFF || user.emailVerified()) {
            return true;
        }
        if (mode == EmailVerificationMode.PROMPT) {
            request.setAttribute(EMAIL_UNVERIFIED, Boolean.TRUE);
            return true;
        }
        response.sendRedirect(request.getContextPath() + "/account/verify-email?required");
        return false;
    }

    /**
     * The realm's password rotation: a password older than {@code password_rotation_days} must be changed
     * before any realm page; during the last {@code password_rotation_warning_days} the layout warns.
     */
    private boolean passwordCurrent(Realm realm, User user, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AccountRealmSettings security = realm.settings(AccountRealmSettings.class);
        if (security.passwordRotationDays() == 0 || !user.hasPassword() || user.passwordChangedAt() == null) {
            return true;
        }
        Instant expires = user.passwordChangedAt().plus(Duration.ofDays(security.passwordRotationDays()));
        Instant now = clock.instant();
        if (!expires.isAfter(now)) {
            response.sendRedirect(request.getContextPath() + "/login/change-password?expired");
            return false;
        }
        if (!now.isBefore(expires.minus(Duration.ofDays(security.passwordRotationWarningDays())))) {
            long secondsLeft = Duration.between(now, expires).toSeconds();
            request.setAttribute(PASSWORD_EXPIRES_IN_DAYS, (secondsLeft + 86_399) / 86_400);
        }
        return true;
    }

    /**
     * The realm's MFA mode, as upstream: {@code required} sends a member without a second factor to set one
     * up before any realm page, once the grace period after joining is over (until then it acts as
     * {@code prompt}); {@code prompt} does so once per session, and the member may skip.
     */
    private boolean secondFactorSettled(
            Realm realm, Membership membership, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AccountRealmSettings security = realm.settings(AccountRealmSettings.class);
        if (security.mfaMode() == MfaMode.OPTIONAL) {
            return true;
        }
        boolean inGrace = clock.instant().isBefore(membership.createdAt().plus(security.mfaRequiredGracePeriod()));
        boolean required = security.mfaMode() == MfaMode.REQUIRED && !inGrace;
        HttpSession session = request.getSession();
        if (!required && session.getAttribute(PROMPTED) != null) {
            return true;
        }
        boolean enrolled = secondFactors.enrolled(membership.userId());
        if (!required) {
            session.setAttribute(PROMPTED, Boolean.TRUE);
        }
        if (enrolled) {
            return true;
        }
        response.sendRedirect(request.getContextPath() + (required ? "/account/mfa?required" : "/account/mfa?prompt"));
        return false;
    }

    private boolean sessionEnded(User user, SignedInUser principal) {
        boolean revoked =
                user.sessionsRevokedAt() != null && !user.sessionsRevokedAt().isBefore(principal.signedInAt());
        boolean tooOld =
                !principal.signedInAt().plus(settings.sessionLifetime()).isAfter(clock.instant());
        return revoked || tooOld;
    }

    private static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    private static <A extends Annotation> A annotation(HandlerMethod method, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
    }

    /** The pages a user who must change their password may still reach. */
    private static boolean isPasswordChange(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.equals("/login/change-password") || path.equals("/logout");
    }

    private static Viewer viewer(User user) {
        return new Viewer(
                user.id(),
                user.email(),
                user.name(),
                user.systemAdmin(),
                user.emailVerified(),
                user.mustChangePassword());
    }
}
