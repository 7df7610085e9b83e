package org.enverify.verify.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Set;
import org.enverify.apikey.ApiCaller;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.RequireApiKey;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonApi;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.Padding;
import org.enverify.realm.Realm;
import org.enverify.realm.TestType;
import org.enverify.stats.PhoneOs;
import org.enverify.userreport.UserReports;
import org.enverify.verify.Certification;
import org.enverify.verify.Verification;
import org.enverify.verify.VerifiedCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The phone-facing device API. */
@RestController
@JsonApi
class DeviceApiController {

    private final Verification verification;
    private final Certification certification;
    private final JsonRequestReader reader;
    private final EnverifySettings settings;

    DeviceApiController(
            Verification verification,
            Certification certification,
            JsonRequestReader reader,
            EnverifySettings settings) {
        this.verification = verification;
        this.certification = certification;
        this.reader = reader;
        this.settings = settings;
    }

    @PostMapping("/api/verify")
    VerifyResponse verify(@RequireApiKey(ApiKeyType.DEVICE) ApiCaller caller, HttpServletRequest request) {
        if (settings.maintenanceMode()) {
            throw ApiException.maintenance();
        }
        VerifyRequest body = reader.read(request, VerifyRequest.class, ErrorCode.UNPARSABLE_REQUEST);
        byte[] nonce = body.nonce() == null
                ? null
                : UserReports.decodeNonce(body.nonce())
                        .orElseThrow(
                                () -> ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, "nonce must be base64"));
        Set<TestType> accepted = AcceptedTypesParser.parse(body.accept());
        VerifiedCode verified;
        try {
            verified = verification.verify(
                    caller.realm(),
                    caller.keyId(),
                    body.code(),
                    accepted,
                    nonce,
                    PhoneOs.fromUserAgent(request.getHeader(HttpHeaders.USER_AGENT)));
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

    @PostMapping("/api/certificate")
    CertificateResponse certificate(@RequireApiKey(ApiKeyType.DEVICE) ApiCaller caller, HttpServletRequest request) {
        CertificateRequest body = reader.read(request, CertificateRequest.class, ErrorCode.TOKEN_INVALID);
        Realm realm = caller.loadedRealm();
        return new CertificateResponse(
                certification.certify(realm, caller.keyId(), body.token(), body.ekeyhmac()), Padding.random());
    }
}
