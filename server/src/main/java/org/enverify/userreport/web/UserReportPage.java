package org.enverify.userreport.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.code.CodeRealmSettings;
import org.enverify.code.Issuer;
import org.enverify.platform.Refusal;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.platform.web.Languages;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmBranding;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.realm.TestType;
import org.enverify.userreport.UserReportRealmSettings;
import org.enverify.userreport.UserReports;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The user-report web view: a phone app opens it with its DEVICE key and a nonce in headers; the page
 * asks for the test date, the phone number and consent, and the code goes out by SMS, or to the
 * realm's webhook when it has one. The key and nonce travel from the page to its form submission in
 * an encrypted, expiring field, so any replica can take the submission.
 */
class UserReportPage {

    static final Duration FORM_LIFETIME = Duration.ofHours(1);
    private static final String FORM_CONTEXT = "user-report-form";

    private final ApiKeys apiKeys;
    private final Realms realms;
    private final UserReports userReports;
    private final SecretCipher cipher;
    private final Clock clock;
    private final RealmBranding branding;
    private final Set<String> pageLanguages;

    UserReportPage(
            ApiKeys apiKeys,
            Realms realms,
            UserReports userReports,
            SecretCipher cipher,
            Clock clock,
            RealmBranding branding) {
        this.apiKeys = apiKeys;
        this.realms = realms;
        this.userReports = userReports;
        this.cipher = cipher;
        this.clock = clock;
        this.branding = branding;
        this.pageLanguages = pageLanguages();
    }

    /** English and each language of the web view's own messages ({@code userreport/messages_xx.properties}). */
    private static Set<String> pageLanguages() {
        return Languages.inBundle("userreport/messages").stream()
                .map(Locale::toLanguageTag)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What the form carries from the page to its submission. */
    private record FormContext(long realm, long keyId, byte[] nonce, Instant expires) {}

    ServerResponse show(ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        Optional<ApiCaller> caller = apiKeys.authenticate(servlet, ApiKeyType.DEVICE);
        if (caller.isEmpty()) {
            return invalid(HttpStatus.UNAUTHORIZED, "report.invalid.key");
        }
        Optional<Realm> realm = caller.map(ApiCaller::loadedRealm).filter(UserReportPage::offersWebView);
        if (realm.isEmpty()) {
            return invalid(HttpStatus.NOT_FOUND, "report.invalid.unavailable");
        }
        String nonceText = servlet.getHeader("X-Nonce");
        if (nonceText == null || nonceText.isBlank()) {
            return invalid(HttpStatus.BAD_REQUEST, "report.invalid.nonce");
        }
        byte[] nonce = decodeNonce(nonceText.trim());
        if (nonce == null) {
            return invalid(HttpStatus.BAD_REQUEST, "report.invalid.nonce");
        }
        String context = seal(new FormContext(
                realm.get().id().value(),
                caller.get().keyId(),
                nonce,
                clock.instant().plus(FORM_LIFETIME)));
        return form(request, HttpStatus.OK, realm.get(), context, "", "", null);
    }

    ServerResponse submit(ServerRequest request) {
        Optional<FormContext> context = request.param("context").flatMap(this::open);
        if (context.isEmpty()) {
            return invalid(HttpStatus.BAD_REQUEST, "report.invalid.expired");
        }
        Optional<Realm> realm = realms.find(new RealmId(context.get().realm())).filter(UserReportPage::offersWebView);
        if (realm.isEmpty()) {
            return invalid(HttpStatus.NOT_FOUND, "report.invalid.unavailable");
        }
        String testDate = request.param("testDate").orElse("").trim();
        String phone = request.param("phone").orElse("").trim();
        String sealed = request.param("context").orElseThrow();
        if (request.param("agreement").isEmpty()) {
            return form(
                    request,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    realm.get(),
                    sealed,
                    testDate,
                    phone,
                    "report.error.agreement");
        }
        if (phone.isEmpty()) {
            return form(
                    request,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    realm.get(),
                    sealed,
                    testDate,
                    phone,
                    "report.error.phone");
        }
        UserReports.Report report = new UserReports.Report(null, testDate.isEmpty() ? null : testDate, null, phone);
        try {
            if (!userReports.issueFromWebView(
                    realm.get(),
                    Issuer.apiKey(context.get().keyId()),
                    report,
                    context.get().nonce())) {
                return form(
                        request,
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        realm.get(),
                        sealed,
                        testDate,
                        phone,
                        "report.error.internal");
            }
        } catch (Refusal e) {
            return form(request, HttpStatus.UNPROCESSABLE_CONTENT, realm.get(), sealed, testDate, phone, errorKey(e));
        }
        return branded(request, HttpStatus.OK, realm.get(), new HashMap<>(Map.of("state", "issued")));
    }

    private ServerResponse form(
            ServerRequest request,
            HttpStatus status,
            Realm realm,
            String context,
            String testDate,
            String phone,
            String error) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, Object> model = new HashMap<>();
        model.put("state", "form");
        model.put("context", context);
        model.put("testDate", testDate);
        model.put("phone", phone);
        model.put(
                "minDate",
                today.minusDays(realm.settings(CodeRealmSettings.class).allowedPastDays())
                        .toString());
        model.put("maxDate", today.toString());
        if (error != null) {
            model.put("error", error);
        }
        return branded(request, status, realm, model);
    }

    /** In the agency's colors and language: the page's messages follow the chosen locale, not the browser's. */
    private ServerResponse branded(ServerRequest request, HttpStatus status, Realm realm, Map<String, Object> model) {
        AgencyPresentation agency = AgencyPresentation.of(
                request.servletRequest().getHeader("Accept-Language"),
                branding.branding(realm.id()),
                branding.translations(realm.id()),
                pageLanguages);
        // The view is rendered in the locale the servlet's resolver gives, which takes it from this attribute before
        // the language cookie or the browser's languages, in every role.
        request.servletRequest().setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, agency.locale());
        model.put("agency", agency);
        return ServerResponse.status(status)
                .header("Content-Security-Policy", agency.contentSecurityPolicy())
                .render("userreport/web-view", model);
    }

    private static ServerResponse invalid(HttpStatus status, String message) {
        return ServerResponse.status(status)
                .render("userreport/web-view", Map.of("state", "invalid", "error", message));
    }

    private static String errorKey(Refusal e) {
        return switch (e.code()) {
            case INVALID_DATE, MISSING_DATE, UNPARSABLE_REQUEST -> "report.error.date";
            case MISSING_PHONE, PHONE_NUMBER_INVALID, SMS_FAILURE -> "report.error.phone";
            case QUOTA_EXCEEDED, SMS_QUEUE_FULL -> "report.error.tryLater";
            default -> "report.error.internal";
        };
    }

    private static boolean offersWebView(Realm realm) {
        return realm.settings(CodeRealmSettings.class).allows(TestType.USER_REPORT)
                && realm.settings(UserReportRealmSettings.class).allowUserReportWebView();
    }

    private static byte[] decodeNonce(String text) {
        return UserReports.decodeNonce(text).filter(UserReports::isNonce).orElse(null);
    }

    private String seal(FormContext context) {
        ByteBuffer plain = ByteBuffer.allocate(8 + 8 + 8 + context.nonce().length);
        plain.putLong(context.realm())
                .putLong(context.keyId())
                .putLong(context.expires().getEpochSecond())
                .put(context.nonce());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cipher.encrypt(plain.array(), FORM_CONTEXT));
    }

    private Optional<FormContext> open(String sealed) {
        try {
            ByteBuffer plain =
                    ByteBuffer.wrap(cipher.decrypt(Base64.getUrlDecoder().decode(sealed), FORM_CONTEXT));
            long realm = plain.getLong();
            long keyId = plain.getLong();
            Instant expires = Instant.ofEpochSecond(plain.getLong());
            byte[] nonce = new byte[plain.remaining()];
            plain.get(nonce);
            if (!expires.isAfter(clock.instant()) || !UserReports.isNonce(nonce)) {
                return Optional.empty();
            }
            return Optional.of(new FormContext(realm, keyId, nonce, expires));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
