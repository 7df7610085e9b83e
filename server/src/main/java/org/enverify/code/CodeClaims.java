package org.enverify.code;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.enverify.events.Events;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.realm.RealmId;
import org.enverify.realm.TestType;
import org.enverify.signing.HmacKeyring;
import org.enverify.signing.HmacPurpose;
import org.springframework.stereotype.Component;

/** The single-use claim of a code by a phone; joins the caller's transaction when there is one. */
@Component
public class CodeClaims {

    /**
     * The name under which a change run with the claim reads the claimed row: its columns {@code uuid},
     * {@code test_type}, {@code symptom_date}, {@code test_date} and {@code created_at}.
     */
    public static final String CLAIMED_ROWS = "claimed";

    /** Longer than any code a realm issues, short enough that garbage costs nothing. */
    private static final int MAX_CODE_LENGTH = 64;

    private static final byte[] NO_NONCE = new byte[0];

    private final CodeRepository repository;
    private final ReportedPhones reportedPhones;
    private final HmacKeyring hmacs;

    CodeClaims(CodeRepository repository, ReportedPhones reportedPhones, HmacKeyring hmacs) {
        this.repository = repository;
        this.reportedPhones = reportedPhones;
        this.hmacs = hmacs;
    }

    /** The outcome of a claim: the code's contents, or the error the phone is told. */
    public sealed interface Outcome {}

    public record Claimed(UUID uuid, TestType testType, LocalDate symptomDate, LocalDate testDate, Instant issuedAt)
            implements Outcome {}

    /**
     * @param countsAsInvalid whether the daily invalid-code counter counts it (reuse of a used code does not)
     * @param wrongNonce whether it is a user-report code refused for a nonce other than the one it was issued for
     */
    public record Refused(ErrorCode error, String message, boolean countsAsInvalid, boolean wrongNonce)
            implements Outcome {}

    /**
     * Claims the code if it is in the realm, unused, unexpired (short codes by their expiry, long codes
     * by the long expiry) and of an accepted type. Of many concurrent claims one wins; a refused claim
     * leaves the code as it was. A user-report code a phone asked for is claimed only with that phone's
     * nonce; a wrong or missing nonce looks like an unknown code.
     *
     * <p>The changes {@code alongside} (data-modifying queries that read the claimed row from
     * {@value #CLAIMED_ROWS}) run in the claim's own statement, so they commit exactly when the claim does;
     * so does the mark on the report of a user-report code, when the claim accepts those. A claim is that one
     * statement, and a refusal of a code the realm holds one more, which reads why.
     *
     * @param nonce the decoded nonce the phone sent, or null
     */
    public Outcome claim(
            RealmId realm,
            String code,
            Set<TestType> accepted,
            byte[] nonce,
            Instant now,
            List<Events.Change> alongside) {
        if (code == null || code.isBlank() || code.length() > MAX_CODE_LENGTH) {
            return invalid(true);
        }
        List<byte[]> candidates =
                hmacs.macsForLookup(HmacPurpose.CODE, code.trim().getBytes(StandardCharsets.UTF_8));
        List<String> types = accepted.stream().map(TestType::apiName).toList();
        byte[] nonceSha256 = nonce == null || nonce.length == 0 ? NO_NONCE : CryptoProvider.sha256(nonce);
        List<Events.Change> changes = alongside;
        if (accepted.contains(TestType.USER_REPORT)) {
            changes = new ArrayList<>(alongside);
            changes.add(reportedPhones.markClaimed(realm, now));
        }
        CodeRepository.ClaimAttempt attempt = repository.claim(realm, candidates, types, nonceSha256, now, changes);
        if (attempt.claimed().isPresent()) {
            var row = attempt.claimed().get();
            return new Claimed(row.uuid(), row.testType(), row.symptomDate(), row.testDate(), row.createdAt());
        }
        if (!attempt.codeStored()) {
            return invalid(true);
        }
        return refusal(realm, candidates, nonceSha256, now);
    }

    /** Why a claim found nothing, as the phone is told. */
    private Refused refusal(RealmId realm, List<byte[]> candidates, byte[] nonceSha256, Instant now) {
        var diagnosis = repository.diagnose(realm, candidates, nonceSha256);
        if (diagnosis.isEmpty()) {
            return invalid(true);
        }
        // a used code is not counted again, whatever nonce came with it, as upstream counts
        if (diagnosis.get().claimed()) {
            return invalid(false);
        }
        if (!diagnosis.get().nonceMatches()) {
            return new Refused(ErrorCode.CODE_INVALID, "verification code invalid", true, true);
        }
        if (!diagnosis.get().relevantExpiry().isAfter(now)) {
            return new Refused(ErrorCode.CODE_EXPIRED, "verification code expired", true, false);
        }
        return new Refused(
                ErrorCode.UNSUPPORTED_TEST_TYPE, "the code's test type is not among the accepted types", true, false);
    }

    private static Refused invalid(boolean countsAsInvalid) {
        return new Refused(ErrorCode.CODE_INVALID, "verification code invalid", countsAsInvalid, false);
    }
}
