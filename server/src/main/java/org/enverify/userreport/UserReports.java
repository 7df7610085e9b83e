package org.enverify.userreport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.enverify.audit.AuditLog;
import org.enverify.code.Codes;
import org.enverify.code.IssueCodeCommand;
import org.enverify.code.IssuedCode;
import org.enverify.code.Issuer;
import org.enverify.platform.Actor;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.Realm;
import org.enverify.realm.TestType;
import org.enverify.signing.HmacKeyring;
import org.enverify.signing.HmacPurpose;
import org.enverify.sms.SmsMessages;
import org.enverify.sms.UserReportWebhook;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User reports: a person asks from a phone for a {@code user-report} code by SMS, over the device API or the web
 * view, and proves with the phone's nonce that the code is the one it asked for. A phone with a report gets no
 * other until the report is forgotten (after {@code ENVERIFY_CODES_USER_REPORT_MAX_AGE}), withdrawn, or purged by a
 * realm administrator.
 */
@Service
public class UserReports {

    /** Upstream's nonce size: a phone proves with it that the user-report code is the one it asked for. */
    public static final int NONCE_BYTES = 256;

    private final Codes codes;
    private final UserReportRepository repository;
    private final HmacKeyring hmacs;
    private final SmsMessages sms;
    private final WebhookHandover handover;
    private final AuditLog audit;

    UserReports(
            Codes codes,
            UserReportRepository repository,
            HmacKeyring hmacs,
            SmsMessages sms,
            WebhookHandover handover,
            AuditLog audit) {
        this.codes = codes;
        this.repository = repository;
        this.hmacs = hmacs;
        this.sms = sms;
        this.handover = handover;
        this.audit = audit;
    }

    /** What a person states in a report; the dates and offset as the API takes them. */
    public record Report(String symptomDate, String testDate, Double tzOffset, String phone) {}

    /** The bytes of a base64 text, of any length; empty when it is not base64. */
    public static Optional<byte[]> decodeNonce(String base64) {
        try {
            return Optional.of(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the bytes are a nonce as a phone draws it. */
    public static boolean isNonce(byte[] bytes) {
        return bytes.length == NONCE_BYTES;
    }

    /**
     * A report over the device API: its code issued under the contract's rules, verifiable only with {@code nonce},
     * and its SMS sent. A phone that already has a report gets nothing: no code, no SMS, no quota.
     *
     * @return the code, or empty for a phone that already has a report
     * @throws Refusal naming the first rule the report breaks
     */
    public Optional<IssuedCode> issue(Realm realm, Issuer issuer, Report report, byte[] nonce) {
        return issue(realm, issuer, report, nonce, false);
    }

    /**
     * A report from the web view: issued as over the device API, but when the realm has a user-report webhook the
     * SMS text goes there instead of to the phone, and a code the webhook did not take is withdrawn with its report,
     * so the person can ask again.
     *
     * @return false when the realm's webhook did not take the code
     * @throws Refusal naming the first rule the report breaks
     */
    public boolean issueFromWebView(Realm realm, Issuer issuer, Report report, byte[] nonce) {
        Optional<UserReportWebhook> webhook = sms.userReportWebhook(realm);
        Optional<IssuedCode> issued = issue(realm, issuer, report, nonce, webhook.isPresent());
        if (issued.isPresent() && webhook.isPresent() && !handover.deliver(realm, webhook.get(), issued.get())) {
            codes.withdraw(realm.id(), issued.get().uuid());
            return false;
        }
        return true;
    }

    private Optional<IssuedCode> issue(Realm realm, Issuer issuer, Report report, byte[] nonce, boolean toWebhook) {
        IssueCodeCommand command = new IssueCodeCommand(
                report.symptomDate(),
                report.testDate(),
                TestType.USER_REPORT.apiName(),
                report.tzOffset(),
                report.phone(),
                null,
                null,
                null,
                toWebhook);
        return codes.issueUserReport(realm, issuer, command, nonce);
    }

    /**
     * Forgets a phone's user report, so the person can report again, and ends its code if still live, as upstream's
     * purge does; audited without the phone number.
     *
     * @return false when the phone has no report in the realm
     * @throws Refusal {@code phone_number_invalid} for a number the realm cannot read
     */
    @Transactional
    public boolean purge(Realm realm, String phone, Actor actor) {
        String number = Codes.parsePhone(phone, realm);
        if (number == null) {
            throw Refusal.of(ErrorCode.PHONE_NUMBER_INVALID, "the phone number is not valid")
                    .about("phone")
                    .shown("issue.error." + ErrorCode.PHONE_NUMBER_INVALID.wireValue());
        }
        Optional<UserReportRepository.Purged> purged = repository.deleteByPhone(
                realm.id(), hmacs.macsForLookup(HmacPurpose.PHONE, number.getBytes(StandardCharsets.UTF_8)));
        purged.ifPresent(report -> {
            codes.expireWithoutEvent(realm.id(), report.codeUuid());
            audit.record(
                    realm.id(),
                    actor,
                    "user_report.purge",
                    "user_reports:" + report.id(),
                    Map.of("code_uuid", report.codeUuid().toString()),
                    Map.of());
        });
        return purged.isPresent();
    }
}
