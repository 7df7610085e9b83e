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
import org.enverify.events.EventType;
import org.enverify.events.Events;
import org.enverify.platform.Actor;
import org.enverify.platform.EnverifySettings;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.TestType;
import org.enverify.signing.HmacKeyring;
import org.enverify.signing.HmacPurpose;
import org.enverify.sms.SmsMessages;
import org.enverify.sms.SmsRefusedException;
import org.enverify.stats.RealmCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues codes and answers for them afterwards: status and early expiry. A code sent by SMS is
 * stored first and committed, so the person can use it the moment the SMS arrives; if the provider
 * refuses the SMS, the code is deleted again, so no code exists that the person never received.
 */
@Service
public class Codes {

    private static final Logger log = LoggerFactory.getLogger(Codes.class);

    private final CodeRepository repository;
    private final ReportedPhones reportedPhones;
    private final HmacKeyring hmacs;
    private final RealmCounters counters;
    private final RealmQuota quota;
    private final SmsMessages sms;
    private final CodeSettings codeSettings;
    private final EnverifySettings settings;
    private final TransactionTemplate transactions;
    private final Events events;
    private final Clock clock;
    private final AuditLog audit;

    Codes(
            CodeRepository repository,
            ReportedPhones reportedPhones,
            HmacKeyring hmacs,
            RealmCounters counters,
            RealmQuota quota,
            SmsMessages sms,
            CodeSettings codeSettings,
            EnverifySettings settings,
            TransactionTemplate transactions,
            Events events,
            Clock clock,
            AuditLog audit) {
        this.repository = repository;
        this.reportedPhones = reportedPhones;
        this.audit = audit;
        this.hmacs = hmacs;
        this.counters = counters;
        this.quota = quota;
        this.sms = sms;
        this.codeSettings = codeSettings;
        this.settings = settings;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Issues one code under the contract's rules, in their order, and sends its SMS when a phone is
     * given. Used by the admin API, batch and bulk issuing and the web UI.
     *
     * @throws Refusal naming the first rule the request breaks, or {@code sms_failure} /
     *     {@code sms_queue_full} when the SMS was refused; nothing is stored then
     */
    public IssuedCode issue(Realm realm, Issuer issuer, IssueCodeCommand command) {
        return issue(realm, issuer, command, null).orElseThrow();
    }

    /**
     * A user report a phone asked for ({@code POST /api/user-report}): a {@code user-report} code sent by
     * SMS to {@code command.phone()}, verifiable only with {@code nonce}. A phone that already has a pending
     * or recent report gets nothing: no code, no SMS, no quota.
     *
     * With {@code command.onlyGenerateSms()} the SMS text is returned instead of sent, whatever the realm's
     * {@code allow_generated_sms}: the web view posts it to the realm's webhook.
     *
     * @return the code, or empty for a phone that already has a report
     */
    public Optional<IssuedCode> issueUserReport(Realm realm, Issuer issuer, IssueCodeCommand command, byte[] nonce) {
        return issue(realm, issuer, command, nonce);
    }

    /** What the rules make of a request before any code is drawn for it. */
    record Checked(
            TestType testType,
            LocalDate symptomDate,
            LocalDate testDate,
            String phone,
            String template,
            UUID requestedUuid,
            Instant now) {

        boolean userReport() {
            return testType == TestType.USER_REPORT;
        }

        /** Nothing but a row to store: no SMS, no uuid of the caller's, no user report. */
        boolean plain() {
            return phone == null && requestedUuid == null && !userReport();
        }
    }

    /**
     * Applies the contract's rules to a request, in their order, short of anything stored.
     *
     * @throws Refusal naming the first rule the request breaks
     */
    Checked check(Realm realm, IssueCodeCommand command, boolean fromPhone) {
        IssueRules.checkShape(command);
        if (settings.maintenanceMode() || realm.maintenanceMode()) {
            throw IssueRules.refuse(ErrorCode.MAINTENANCE_MODE, "the server is in maintenance mode; try again later");
        }
        CodeRealmSettings codes = realm.settings(CodeRealmSettings.class);
        Instant now = clock.instant();
        LocalDate symptomDate = IssueRules.date(command.symptomDate(), "symptomDate");
        LocalDate testDate = IssueRules.date(command.testDate(), "testDate");
        if (codes.requireDate() && symptomDate == null && testDate == null) {
            throw IssueRules.refuse(ErrorCode.MISSING_DATE, "a symptomDate or testDate is required in this realm")
                    .about("symptomDate");
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate earliest = today.minusDays(codes.allowedPastDays());
        if (command.tzOffset() != null && command.tzOffset() < 0) {
            earliest = earliest.minusDays(1);
        }
        IssueRules.checkRange(symptomDate, "symptomDate", earliest, today);
        IssueRules.checkRange(testDate, "testDate", earliest, today);
        TestType testType = fromPhone ? TestType.USER_REPORT : IssueRules.testType(command.testType(), realm);
        boolean userReport = testType == TestType.USER_REPORT;
        String phone = IssueRules.phone(command.phone(), realm);
        if (command.onlyGenerateSms()) {
            // the user-report web view hands the text to the realm's own webhook instead of sending it
            if (!codes.allowGeneratedSms() && !fromPhone) {
                throw IssueRules.unparsable("onlyGenerateSMS is not enabled for this realm");
            }
            if (phone == null) {
                throw IssueRules.refuse(ErrorCode.MISSING_PHONE, "onlyGenerateSMS needs a phone number")
                        .about("phone");
            }
        }
        if (userReport && phone == null) {
            throw IssueRules.refuse(ErrorCode.MISSING_PHONE, "a user report needs a phone number")
                    .about("phone");
        }
        String template = null;
        if (phone != null) {
            template = sms.template(realm, command.smsTemplateLabel(), userReport)
                    .orElseThrow(() -> IssueRules.unparsable("this realm has no SMS template with that label"));
            if (!command.onlyGenerateSms() && !sms.canSend(realm)) {
                throw IssueRules.refuse(
                                ErrorCode.SMS_FAILURE,
                                "a phone was given, but this realm has no SMS provider configured")
                        .about("phone");
            }
        }
        return new Checked(testType, symptomDate, testDate, phone, template, IssueRules.uuid(command.uuid()), now);
    }

    /** A freshly drawn code's row; its long code, when only for an SMS link, lives as long as the short one. */
    CodeRepository.NewCode row(
            Realm realm,
            Issuer issuer,
            Checked checked,
            IssueCodeCommand command,
            UUID uuid,
            String shortCode,
            String longCode,
            byte[] nonceSha256) {
        CodeRealmSettings codes = realm.settings(CodeRealmSettings.class);
        Instant expiresAt = checked.now().plus(codes.codeDuration());
        Instant longExpiresAt = checked.phone() == null || checked.userReport()
                ? expiresAt
                : checked.now().plus(codes.longCodeDuration());
        return new CodeRepository.NewCode(
                realm.id(),
                uuid,
                hmac(shortCode),
                hmac(longCode),
                checked.testType(),
                checked.symptomDate(),
                checked.testDate(),
                expiresAt,
                longExpiresAt,
                issuer.apiKeyId(),
                issuer.userId(),
                issuer.oauthSubject(),
                blankToNull(command.externalIssuerId()),
                nonceSha256,
                checked.now());
    }

    private Optional<IssuedCode> issue(Realm realm, Issuer issuer, IssueCodeCommand command, byte[] nonce) {
        boolean fromPhone = nonce != null;
        Checked checked = check(realm, command, fromPhone);
        boolean userReport = checked.userReport();
        String phone = checked.phone();
        UUID requestedUuid = checked.requestedUuid();
        if (requestedUuid != null && repository.uuidTaken(realm.id(), requestedUuid)) {
            throw IssueRules.conflict(requestedUuid);
        }
        byte[] phoneHmac = null;
        if (userReport) {
            byte[] phoneBytes = phone.getBytes(StandardCharsets.UTF_8);
            if (reportedPhones.reported(realm.id(), hmacs.macsForLookup(HmacPurpose.PHONE, phoneBytes))) {
                return alreadyReported(fromPhone);
            }
            phoneHmac = hmacs.mac(HmacPurpose.PHONE, phoneBytes);
        }
        boolean sending = phone != null && !command.onlyGenerateSms();
        byte[] nonceSha256 = fromPhone ? CryptoProvider.sha256(nonce) : null;
        CodeRealmSettings codes = realm.settings(CodeRealmSettings.class);
        for (int attempt = 0; attempt < codeSettings.collisionRetries(); attempt++) {
            String shortCode = CodeGenerator.shortCode(codes.codeLength());
            String longCode = CodeGenerator.longCode(codes.longCodeLength());
            UUID uuid = requestedUuid != null ? requestedUuid : UUID.randomUUID();
            var row = row(realm, issuer, checked, command, uuid, shortCode, longCode, nonceSha256);
            Stored stored = sending || phoneHmac != null || quota.limits(realm)
                    ? storeInTransaction(realm, issuer, row, sending, phoneHmac, fromPhone, checked.now())
                    : storeWithItsEvent(realm.id(), issuer, row);
            if (stored == Stored.ALREADY_REPORTED) {
                return alreadyReported(fromPhone);
            }
            if (stored == Stored.STORED) {
                String text = phone == null
                        ? null
                        : composeOrRemove(realm, uuid, checked.template(), userReport, phone, shortCode, longCode);
                if (sending) {
                    send(realm, issuer, row, userReport, phone, text);
                }
                return Optional.of(new IssuedCode(
                        uuid,
                        shortCode,
                        row.expiresAt(),
                        row.longExpiresAt(),
                        phone,
                        command.onlyGenerateSms() ? text : null));
            }
            if (requestedUuid != null && repository.uuidTaken(realm.id(), requestedUuid)) {
                throw IssueRules.conflict(requestedUuid);
            }
        }
        throw IssueRules.refuse(ErrorCode.INTERNAL_SERVER_ERROR, "could not draw a unique code; try again");
    }

    static Refusal quotaExceeded() {
        return IssueRules.refuse(
                ErrorCode.QUOTA_EXCEEDED,
                "exceeded the daily realm quota configured by abuse prevention; ask a realm administrator");
    }

    private enum Stored {
        STORED,
        COLLISION,
        ALREADY_REPORTED
    }

    /**
     * Stores the code with what must commit with it: the quota's token, the reported phone, and its statistics and
     * event unless an SMS has yet to reach the person.
     */
    private Stored storeInTransaction(
            Realm realm,
            Issuer issuer,
            CodeRepository.NewCode row,
            boolean sending,
            byte[] reportPhone,
            boolean fromPhone,
            Instant now) {
        return transactions.execute(status -> {
            // nothing was written then: a caller's transaction this one joins stays usable
            if (!repository.insertUnlessTaken(row)) {
                return Stored.COLLISION;
            }
            if (!quota.tryTake(realm)) {
                throw quotaExceeded();
            }
            if (reportPhone != null && !reportedPhones.record(realm.id(), reportPhone, row.uuid(), fromPhone, now)) {
                status.setRollbackOnly();
                return Stored.ALREADY_REPORTED;
            }
            if (!sending) {
                recordIssued(realm.id(), issuer, row);
            }
            return Stored.STORED;
        });
    }

    /**
     * A code with nothing else to commit (no SMS to send first, no phone to remember, no quota to take) is stored
     * with its event in one statement: one round trip to PostgreSQL where a transaction takes three.
     */
    private Stored storeWithItsEvent(RealmId realm, Issuer issuer, CodeRepository.NewCode row) {
        if (events.recordFor(repository.insertionUnlessTaken(row), realm, EventType.CODE_ISSUED, issuedEvent(row))
                == 0) {
            return Stored.COLLISION;
        }
        countIssued(realm, issuer, row);
        return Stored.STORED;
    }

    private String composeOrRemove(
            Realm realm,
            UUID uuid,
            String template,
            boolean userReport,
            String phone,
            String shortCode,
            String longCode) {
        try {
            return sms.compose(realm, template, userReport, phone, shortCode, longCode);
        } catch (SmsRefusedException e) {
            throw removeAfterRefusal(realm.id(), uuid, e);
        }
    }

    private void send(
            Realm realm, Issuer issuer, CodeRepository.NewCode row, boolean userReport, String phone, String text) {
        try {
            sms.send(realm, userReport, phone, text);
        } catch (SmsRefusedException e) {
            throw removeAfterRefusal(realm.id(), row.uuid(), e);
        }
        counters.smsSent(realm.id());
        transactions.executeWithoutResult(status -> recordIssued(realm.id(), issuer, row));
    }

    /** Statistics and events count a code once the person has it, or once it is stored when no SMS is sent. */
    void recordIssued(RealmId realm, Issuer issuer, CodeRepository.NewCode row) {
        countIssued(realm, issuer, row);
        Map<String, Object> data = issuedEvent(row);
        events.record(realm, EventType.CODE_ISSUED, data);
        if (row.testType() == TestType.USER_REPORT) {
            events.record(realm, EventType.USER_REPORT_CREATED, data);
        }
    }

    private void countIssued(RealmId realm, Issuer issuer, CodeRepository.NewCode row) {
        counters.codeIssued(realm, issuer.apiKeyId(), issuer.userId(), row.issuingExternalId(), row.testType());
    }

    private static Map<String, Object> issuedEvent(CodeRepository.NewCode row) {
        return Map.of("uuid", row.uuid().toString(), "testType", row.testType().apiName());
    }

    private Refusal removeAfterRefusal(RealmId realm, UUID uuid, SmsRefusedException refusal) {
        withdraw(realm, uuid);
        log.warn("Removed code {} of realm {}: its SMS was refused ({})", uuid, realm, refusal.getMessage());
        Refusal refused = refusal.queueFull()
                ? IssueRules.refuse(
                        ErrorCode.SMS_QUEUE_FULL, "the SMS provider's queue is full; try again in a few minutes")
                : IssueRules.refuse(ErrorCode.SMS_FAILURE, "the SMS could not be sent: " + refusal.getMessage());
        return refused.about("phone");
    }

    /** The admin API says so; a phone is told nothing it could tell apart from a new report. */
    private static Optional<IssuedCode> alreadyReported(boolean fromPhone) {
        if (fromPhone) {
            return Optional.empty();
        }
        throw IssueRules.refuse(
                ErrorCode.USER_REPORT_TRY_LATER, "this phone number already has a recent user report; try again later");
    }

    /**
     * Removes a code whose SMS could not be delivered by other means (the user-report webhook), with its
     * user report, so the person can ask again.
     */
    public void withdraw(RealmId realm, UUID uuid) {
        transactions.executeWithoutResult(status -> {
            repository.delete(realm, uuid);
            reportedPhones.forget(realm, uuid);
        });
    }

    /**
     * Ends a code's validity now with no event and no audit entry of its own, for a change that records its own: the
     * purge of a user report.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void expireWithoutEvent(RealmId realm, UUID uuid) {
        repository.expire(realm, uuid, clock.instant());
    }

    /**
     * A phone number as issuing reads it: E.164, with the realm's SMS country as the default region; null when blank.
     *
     * @throws Refusal {@code phone_number_invalid} for a number the realm cannot read
     */
    public static String parsePhone(String text, Realm realm) {
        return IssueRules.phone(text, realm);
    }

    /**
     * A number typed beside a country picker: in E.164 when it is a valid number of that country ({@code region}, an
     * ISO 3166 code), otherwise as typed, for {@link #issue} to judge with the realm's SMS country.
     */
    public static String phoneInRegion(String text, String region) {
        return IssueRules.phoneInRegion(text, region);
    }

    /** A uuid as the API accepts it: every form upstream's parser takes, surrounding spaces ignored. */
    public static Optional<UUID> parseUuid(String text) {
        return IssueRules.parseUuid(text);
    }

    /** The codes a web UI user issued in the realm since the start of this UTC day, newest first. */
    @Transactional(readOnly = true)
    public List<IssuedCodeSummary> issuedTodayBy(RealmId realm, long userId, int limit) {
        return repository.issuedByUser(realm, userId, startOfToday(), limit);
    }

    /**
     * One page of the codes a management API caller issued in the realm since the start of this UTC day, as the
     * web UI lists a user's.
     *
     * @param query sorted by {@code created_at}
     */
    @Transactional(readOnly = true)
    public Listing<IssuedCodeSummary> issuedTodayBy(RealmId realm, Actor caller, ListQuery query) {
        return repository.issuedByOauthSubject(realm, Issuer.oauth(caller).oauthSubject(), startOfToday(), query);
    }

    private Instant startOfToday() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /** @throws Refusal {@code code_not_found} when the realm has no such code */
    @Transactional(readOnly = true)
    public CodeStatus status(RealmId realm, UUID uuid) {
        return repository.status(realm, uuid, false).orElseThrow(Codes::notFound);
    }

    /** @throws Refusal {@code code_not_found} when the realm has no such code */
    @Transactional(readOnly = true)
    public CodeDetails details(RealmId realm, UUID uuid) {
        return find(realm, uuid).orElseThrow(Codes::notFound);
    }

    /** A code of the realm; empty when the realm has none with this uuid. */
    @Transactional(readOnly = true)
    public Optional<CodeDetails> find(RealmId realm, UUID uuid) {
        return repository.details(realm, uuid);
    }

    /**
     * Ends a code's validity now, with an audit entry. A code already expired is left as it is.
     *
     * @throws Refusal {@code code_not_found} when unknown, {@code code_already_claimed} when it was used
     */
    @Transactional
    public CodeStatus expire(RealmId realm, UUID uuid, Actor actor) {
        CodeStatus status = repository.status(realm, uuid, true).orElseThrow(Codes::notFound);
        if (status.claimed()) {
            throw Refusal.of(ErrorCode.CODE_ALREADY_CLAIMED, "the code was already used")
                    .about("uuid")
                    .shown("codes.alreadyClaimed");
        }
        Instant now = clock.instant();
        if (status.expiresAt().isAfter(now) || status.longExpiresAt().isAfter(now)) {
            repository.expire(realm, uuid, now);
            events.record(realm, EventType.CODE_EXPIRED, Map.of("uuid", uuid.toString()));
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

    private static Refusal notFound() {
        return Refusal.of(ErrorCode.CODE_NOT_FOUND, "no code with this uuid in this realm")
                .about("uuid")
                .shown("codes.notFound");
    }
}
