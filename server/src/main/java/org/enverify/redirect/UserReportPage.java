package org.enverify.redirect;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
import org.enverify.code.CodeRealmSettings;
import org.enverify.code.Codes;
import org.enverify.code.IssueCodeCommand;
import org.enverify.code.IssuedCode;
import org.enverify.code.Issuer;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.HttpDates;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.platform.net.OutboundHttp;
import org.enverify.platform.net.OutboundHttpException;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.realm.TestType;
import org.enverify.sms.SmsMessages;
import org.enverify.sms.UserReportWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The user-report web view: a phone app opens it with its DEVICE key and a nonce in headers; the page
 * asks for the test date, the phone number and consent, and the code goes out by SMS, or to the
 * realm's webhook when it has one. The key and nonce travel from the page to its form submission in
 * an encrypted, expiring field, so any replica can take the submission.
 */
class UserReportPage {

    private static final Logger log = LoggerFactory.getLogger(UserReportPage.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int NONCE_BYTES = 256;
    static final Duration FORM_LIFETIME = Duration.ofHours(1);
    private static final String FORM_CONTEXT = "user-report-form";

    private final ApiKeys apiKeys;
    private final Realms realms;
    private final Codes codes;
    private final SmsMessages sms;
    private final SecretCipher cipher;
    private final OutboundUrls urls;
    private final OutboundHttp http;
    private final Clock clock;

    UserReportPage(
            ApiKeys apiKeys,
            Realms realms,
            Codes codes,
            SmsMessages sms,
            SecretCipher cipher,
            OutboundUrls urls,
            OutboundHttp http,
            Clock clock) {
        this.apiKeys = apiKeys;
        this.realms = realms;
        this.codes = codes;
        this.sms = sms;
        this.cipher = cipher;
        this.urls = urls;
        this.http = http;
        this.clock = clock;
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
        return form(HttpStatus.OK, realm.get(), context, "", "", null);
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
                    HttpStatus.UNPROCESSABLE_CONTENT, realm.get(), sealed, testDate, phone, "report.error.agreement");
        }
        if (phone.isEmpty()) {
            return form(HttpStatus.UNPROCESSABLE_CONTENT, realm.get(), sealed, testDate, phone, "report.error.phone");
        }
        Optional<UserReportWebhook> webhook = sms.userReportWebhook(realm.get());
        IssueCodeCommand command = new IssueCodeCommand(
                null,
                testDate.isEmpty() ? null : testDate,
                TestType.USER_REPORT.apiName(),
                null,
                phone,
                null,
                null,
                null,
                webhook.isPresent());
        try {
            Optional<IssuedCode> issued = codes.issueUserReport(
                    realm.get(),
                    Issuer.apiKey(context.get().keyId()),
                    command,
                    context.get().nonce());
            if (issued.isPresent() && webhook.isPresent() && !deliver(realm.get(), webhook.get(), issued.get())) {
                codes.withdraw(realm.get().id(), issued.get().uuid());
                return form(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        realm.get(),
                        sealed,
                        testDate,
                        phone,
                        "report.error.internal");
            }
        } catch (Refusal e) {
            return form(HttpStatus.UNPROCESSABLE_CONTENT, realm.get(), sealed, testDate, phone, errorKey(e));
        }
        return ServerResponse.ok().render("redirect/report", Map.of("state", "issued"));
    }

    /** POSTs the code and its SMS to the realm's webhook, signed; false when it did not take them. */
    private boolean deliver(Realm realm, UserReportWebhook webhook, IssuedCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uuid", code.uuid().toString());
        body.put("code", code.code());
        body.put("expiresAt", HttpDates.format(code.expiresAt()));
        body.put("expiresAtTimestamp", code.expiresAt().getEpochSecond());
        body.put("longExpiresAt", HttpDates.format(code.longExpiresAt()));
        body.put("longExpiresAtTimestamp", code.longExpiresAt().getEpochSecond());
        body.put("generatedSMS", code.generatedSms());
        body.put("phone", code.phone());
        byte[] json = JSON.writeValueAsBytes(body);
        String signature = HexFormat.of().formatHex(CryptoProvider.hmacSha512(webhook.secret(), json));
        try {
            URI url = urls.check(webhook.url().toString());
            OutboundHttp.Response response =
                    http.post(url, Map.of("Content-Type", "application/json", "X-Signature", signature), json);
            if (response.ok()) {
                return true;
            }
            log.warn("The user-report webhook of realm {} answered {}", realm.id(), response.status());
        } catch (IllegalArgumentException | OutboundHttpException e) {
            log.warn("The user-report webhook of realm {} failed: {}", realm.id(), e.getMessage());
        }
        return false;
    }

    private ServerResponse form(
            HttpStatus status, Realm realm, String context, String testDate, String phone, String error) {
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
        return ServerResponse.status(status).render("redirect/report", model);
    }

    private static ServerResponse invalid(HttpStatus status, String message) {
        return ServerResponse.status(status).render("redirect/report", Map.of("state", "invalid", "error", message));
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
        try {
            byte[] nonce = Base64.getDecoder().decode(text);
            return nonce.length == NONCE_BYTES ? nonce : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
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
            if (!expires.isAfter(clock.instant()) || nonce.length != NONCE_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new FormContext(realm, keyId, nonce, expires));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
