package org.enverify.userreport.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.RequireApiKey;
import org.enverify.code.CodeRealmSettings;
import org.enverify.code.IssuedCode;
import org.enverify.code.Issuer;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.HttpDates;
import org.enverify.platform.api.JsonApi;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.Padding;
import org.enverify.realm.Realm;
import org.enverify.realm.TestType;
import org.enverify.userreport.UserReports;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A phone asks for a user-report code over the device API. */
@RestController
@JsonApi
class UserReportController {

    private final UserReports userReports;
    private final JsonRequestReader reader;
    private final EnverifySettings settings;
    private final Clock clock;

    UserReportController(UserReports userReports, JsonRequestReader reader, EnverifySettings settings, Clock clock) {
        this.userReports = userReports;
        this.reader = reader;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A phone asks for a user-report code by SMS. A phone number that already has a pending or recent
     * report gets the same answer, with an expiry as a new code would have, and nothing happens.
     */
    @PostMapping("/api/user-report")
    UserReportResponse userReport(@RequireApiKey(ApiKeyType.DEVICE) ApiCaller caller, HttpServletRequest request) {
        if (settings.maintenanceMode()) {
            throw ApiException.maintenance();
        }
        UserReportRequest body = reader.read(request, UserReportRequest.class, ErrorCode.UNPARSABLE_REQUEST);
        Realm realm = caller.loadedRealm();
        if (!realm.settings(CodeRealmSettings.class).allows(TestType.USER_REPORT)) {
            throw ApiException.badRequest(ErrorCode.UNSUPPORTED_TEST_TYPE, "this realm does not accept user reports");
        }
        byte[] nonce = body.nonce() == null
                ? new byte[0]
                : UserReports.decodeNonce(body.nonce()).orElse(null);
        if (nonce == null || (nonce.length != 0 && !UserReports.isNonce(nonce))) {
            throw ApiException.badRequest(
                    ErrorCode.UNPARSABLE_REQUEST,
                    "nonce must be base64 of " + UserReports.NONCE_BYTES + " random bytes");
        }
        if (nonce.length == 0) {
            throw ApiException.badRequest(ErrorCode.MISSING_NONCE, "a nonce is required");
        }
        if (body.phone() == null || body.phone().isBlank()) {
            throw ApiException.badRequest(ErrorCode.MISSING_PHONE, "a phone number is required");
        }
        UserReports.Report report =
                new UserReports.Report(body.symptomDate(), body.testDate(), body.tzOffset(), body.phone());
        Instant expiresAt = userReports
                .issue(realm, Issuer.apiKey(caller.keyId()), report, nonce)
                .map(IssuedCode::expiresAt)
                .orElseGet(() -> clock.instant()
                        .plus(realm.settings(CodeRealmSettings.class).codeDuration()));
        return new UserReportResponse(HttpDates.format(expiresAt), expiresAt.getEpochSecond(), Padding.random());
    }
}
