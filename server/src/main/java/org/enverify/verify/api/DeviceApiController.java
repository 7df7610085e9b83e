package org.enverify.verify.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.RequireApiKey;
import org.enverify.code.CodeRealmSettings;
import org.enverify.code.Codes;
import org.enverify.code.IssueCodeCommand;
import org.enverify.code.IssuedCode;
import org.enverify.code.Issuer;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.HttpDates;
import org.enverify.platform.api.JsonApi;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.Padding;
import org.enverify.realm.Realm;
import org.enverify.realm.TestType;
import org.enverify.verify.Certification;
import org.enverify.verify.Verification;
import org.enverify.verify.VerifiedCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The phone-facing device API. */
@RestController
@JsonApi
class DeviceApiController {

    /** Upstream's nonce size: a phone proves with it that the user-report code is the one it asked for. */
    static final int NONCE_BYTES = 256;

    private final Verification verification;
    private final Certification certification;
    private final JsonRequestReader reader;
    private final EnverifySettings settings;
    private final Codes codes;
    private final Clock clock;

    DeviceApiController(
            Verification verification,
            Certification certification,
            JsonRequestReader reader,
            EnverifySettings settings,
            Codes codes,
            Clock clock) {
        this.verification = verification;
        this.certification = certification;
        this.reader = reader;
        this.settings = settings;
        this.codes = codes;
        this.clock = clock;
    }

    @PostMapping("/api/verify")
    VerifyResponse verify(@RequireApiKey(ApiKeyType.DEVICE) ApiCaller caller, HttpServletRequest request) {
        if (settings.maintenanceMode()) {
            throw ApiException.maintenance();
        }
        VerifyRequest body = reader.read(request, VerifyRequest.class, ErrorCode.UNPARSABLE_REQUEST);
        byte[] nonce = body.nonce() == null
                ? null
                : decodeBase64(body.nonce())
                        .orElseThrow(
                                () -> ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "nonce must be base64"));
        Set<TestType> accepted = AcceptedTypesParser.parse(body.accept());
        VerifiedCode verified;
        try {
            verified = verification.verify(caller.realm(), caller.keyId(), body.code(), accepted, nonce);
        } catch (Refusal refused) {
            // on /api/verify the contract answers 412 for a type the phone does not accept, not issuing's 400
            if (refused.code() == ErrorCode.UNSUPPORTED_TEST_TYPE) {
                throw new ApiException(HttpStatus.PRECONDITION_FAILED, refused.code(), refused.apiText());
            }
            throw refused;
        }
        return new VerifyResponse(
                verified.testType().apiName(),
                Objects.toString(verified.symptomDate(), null),
                Objects.toString(verified.testDate(), null),
                verified.token(),
                Padding.random());
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
        byte[] nonce =
                body.nonce() == null ? new byte[0] : decodeBase64(body.nonce()).orElse(null);
        if (nonce == null || (nonce.length != 0 && nonce.length != NONCE_BYTES)) {
            throw ApiException.badRequest(
                    ErrorCode.UNPARSABLE_REQUEST, "nonce must be base64 of " + NONCE_BYTES + " random bytes");
        }
        if (nonce.length == 0) {
            throw ApiException.badRequest(ErrorCode.MISSING_NONCE, "a nonce is required");
        }
        if (body.phone() == null || body.phone().isBlank()) {
            throw ApiException.badRequest(ErrorCode.MISSING_PHONE, "a phone number is required");
        }
        IssueCodeCommand command = new IssueCodeCommand(
                body.symptomDate(),
                body.testDate(),
                TestType.USER_REPORT.apiName(),
                body.tzOffset(),
                body.phone(),
                null,
                null,
                null,
                false);
        Instant expiresAt = codes.issueUserReport(realm, Issuer.apiKey(caller.keyId()), command, nonce)
                .map(IssuedCode::expiresAt)
                .orElseGet(() -> clock.instant()
                        .plus(realm.settings(CodeRealmSettings.class).codeDuration()));
        return new UserReportResponse(HttpDates.format(expiresAt), expiresAt.getEpochSecond(), Padding.random());
    }

    @PostMapping("/api/certificate")
    CertificateResponse certificate(@RequireApiKey(ApiKeyType.DEVICE) ApiCaller caller, HttpServletRequest request) {
        CertificateRequest body = reader.read(request, CertificateRequest.class, ErrorCode.TOKEN_INVALID);
        Realm realm = caller.loadedRealm();
        return new CertificateResponse(
                certification.certify(realm, caller.keyId(), body.token(), body.ekeyhmac()), Padding.random());
    }

    static Optional<byte[]> decodeBase64(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
