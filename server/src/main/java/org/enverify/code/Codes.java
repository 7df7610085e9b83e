package org.enverify.code;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.enverify.abuse.RealmQuota;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.TestType;
import org.enverify.signing.HmacKeyring;
import org.enverify.signing.HmacPurpose;
import org.enverify.stats.RealmCounters;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues codes and answers for them afterwards: status and early expiry. */
@Service
public class Codes {

    private final CodeRepository repository;
    private final HmacKeyring hmacs;
    private final RealmCounters counters;
    private final RealmQuota quota;
    private final CodeSettings codeSettings;
    private final EnverifySettings settings;
    private final Clock clock;
    private final AuditLog audit;

    Codes(
            CodeRepository repository,
            HmacKeyring hmacs,
            RealmCounters counters,
            RealmQuota quota,
            CodeSettings codeSettings,
            EnverifySettings settings,
            Clock clock,
            AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
        this.hmacs = hmacs;
        this.counters = counters;
        this.quota = quota;
        this.codeSettings = codeSettings;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Issues one code under the contract's rules, in their order.
     *
     * @throws ApiException naming the first rule the request breaks; nothing is stored then
     */
    @Transactional
    public IssuedCode issue(Realm realm, Issuer issuer, IssueCodeCommand command) {
        IssueRules.checkShape(command);
        if (settings.maintenanceMode() || realm.maintenanceMode()) {
            throw ApiException.maintenance();
        }
        Instant now = clock.instant();
        LocalDate symptomDate = IssueRules.date(command.symptomDate(), "symptomDate");
        LocalDate testDate = IssueRules.date(command.testDate(), "testDate");
        if (realm.requireDate() && symptomDate == null && testDate == null) {
            throw ApiException.badRequest(
                    ErrorCode.MISSING_DATE, "a symptomDate or testDate is required in this realm");
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate earliest = today.minusDays(realm.allowedPastDays());
        if (command.tzOffset() != null && command.tzOffset() < 0) {
            earliest = earliest.minusDays(1);
        }
        IssueRules.checkRange(symptomDate, "symptomDate", earliest, today);
        IssueRules.checkRange(testDate, "testDate", earliest, today);
        TestType testType = IssueRules.testType(command.testType(), realm);
        String phone = IssueRules.phone(command.phone(), realm);
        if (command.onlyGenerateSms()) {
            if (!realm.allowGeneratedSms()) {
                throw IssueRules.unparsable("onlyGenerateSMS is not enabled for this realm");
            }
            if (phone == null) {
                throw ApiException.badRequest(ErrorCode.MISSING_PHONE, "onlyGenerateSMS needs a phone number");
            }
        } else if (phone != null) {
            throw ApiException.badRequest(
                    ErrorCode.SMS_FAILURE,
                    "this server does not send SMS yet; leave out the phone, or use onlyGenerateSMS to get the text");
        }
        UUID requestedUuid = IssueRules.uuid(command.uuid());
        if (requestedUuid != null && repository.uuidTaken(realm.id(), requestedUuid)) {
            throw IssueRules.conflict(requestedUuid);
        }
        if (!quota.tryTake(realm)) {
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    ErrorCode.QUOTA_EXCEEDED,
                    "exceeded the daily realm quota configured by abuse prevention; ask a realm administrator");
        }
        Instant expiresAt = now.plus(realm.codeDuration());
        Instant longExpiresAt = phone == null ? expiresAt : now.plus(realm.longCodeDuration());
        for (int attempt = 0; attempt < codeSettings.collisionRetries(); attempt++) {
            String shortCode = CodeGenerator.shortCode(realm.codeLength());
            String longCode = CodeGenerator.longCode(realm.longCodeLength());
            UUID uuid = requestedUuid != null ? requestedUuid : UUID.randomUUID();
            var row = new CodeRepository.NewCode(
                    realm.id(),
                    uuid,
                    hmac(shortCode),
                    hmac(longCode),
                    testType,
                    symptomDate,
                    testDate,
                    expiresAt,
                    longExpiresAt,
                    issuer.apiKeyId(),
                    issuer.userId(),
                    blankToNull(command.externalIssuerId()),
                    now);
            if (repository.insertUnlessTaken(row)) {
                counters.codeIssued(realm.id(), issuer.apiKeyId(), row.issuingExternalId());
                String sms = phone == null ? null : SmsText.render(realm, shortCode, longCode);
                return new IssuedCode(uuid, shortCode, expiresAt, longExpiresAt, phone, sms);
            }
            if (requestedUuid != null && repository.uuidTaken(realm.id(), requestedUuid)) {
                throw IssueRules.conflict(requestedUuid);
            }
        }
        throw new ApiException(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ErrorCode.INTERNAL_SERVER_ERROR,
                "could not draw a unique code; try again");
    }

    /** A uuid as the API accepts it: the canonical hex form, surrounding spaces ignored. */
    public static Optional<UUID> parseUuid(String text) {
        return IssueRules.parseUuid(text);
    }

    /** The codes a web UI user issued in the realm since the start of this UTC day, newest first. */
    @Transactional(readOnly = true)
    public List<IssuedCodeSummary> issuedTodayBy(RealmId realm, long userId, int limit) {
        Instant startOfDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return repository.issuedByUser(realm, userId, startOfDay, limit);
    }

    /** @throws ApiException 404 {@code code_not_found} when the realm has no such code */
    @Transactional(readOnly = true)
    public CodeStatus status(RealmId realm, UUID uuid) {
        return repository.status(realm, uuid, false).orElseThrow(Codes::notFound);
    }

    /**
     * Ends a code's validity now, with an audit entry. A code already expired is left as it is.
     *
     * @throws ApiException 404 when unknown, 400 {@code code_already_claimed} when it was used
     */
    @Transactional
    public CodeStatus expire(RealmId realm, UUID uuid, Actor actor) {
        CodeStatus status = repository.status(realm, uuid, true).orElseThrow(Codes::notFound);
        if (status.claimed()) {
            throw ApiException.badRequest(ErrorCode.CODE_ALREADY_CLAIMED, "the code was already used");
        }
        Instant now = clock.instant();
        if (status.expiresAt().isAfter(now) || status.longExpiresAt().isAfter(now)) {
            repository.expire(realm, uuid, now);
            CodeStatus expired = repository.status(realm, uuid, false).orElseThrow();
            audit.record(realm, actor, "code.expire", "codes:" + uuid, expiries(status), expiries(expired));
            return expired;
        }
        return status;
    }

    private static Map<String, Object> expiries(CodeStatus status) {
        return Map.of("expires_at", status.expiresAt(), "long_expires_at", status.longExpiresAt());
    }

    private byte[] hmac(String code) {
        return hmacs.mac(HmacPurpose.CODE, code.getBytes(StandardCharsets.US_ASCII));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.CODE_NOT_FOUND, "no code with this uuid in this realm");
    }
}
