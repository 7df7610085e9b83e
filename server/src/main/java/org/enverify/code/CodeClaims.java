package org.enverify.code;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.RealmId;
import org.enverify.realm.TestType;
import org.enverify.signing.HmacKeyring;
import org.enverify.signing.HmacPurpose;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The single-use claim of a code by a phone; joins the caller's transaction. */
@Component
public class CodeClaims {

    /** Longer than any code a realm issues, short enough that garbage costs nothing. */
    private static final int MAX_CODE_LENGTH = 64;

    private final CodeRepository repository;
    private final HmacKeyring hmacs;

    CodeClaims(CodeRepository repository, HmacKeyring hmacs) {
        this.repository = repository;
        this.hmacs = hmacs;
    }

    /** The outcome of a claim: the code's contents, or the error the phone is told. */
    public sealed interface Outcome {}

    public record Claimed(UUID uuid, TestType testType, LocalDate symptomDate, LocalDate testDate, Instant issuedAt)
            implements Outcome {}

    /** @param countsAsInvalid whether the daily invalid-code counter counts it (reuse of a used code does not) */
    public record Refused(ErrorCode error, String message, boolean countsAsInvalid) implements Outcome {}

    /**
     * Claims the code if it is in the realm, unused, unexpired (short codes by their expiry, long codes
     * by the long expiry) and of an accepted type. Of many concurrent claims one wins; a refused claim
     * leaves the code as it was.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome claim(RealmId realm, String code, Set<TestType> accepted, Instant now) {
        if (code == null || code.isBlank() || code.length() > MAX_CODE_LENGTH) {
            return invalid(true);
        }
        List<byte[]> candidates =
                hmacs.macsForLookup(HmacPurpose.CODE, code.trim().getBytes(StandardCharsets.UTF_8));
        List<String> types = accepted.stream().map(TestType::apiName).toList();
        var claimed = repository.claim(realm, candidates, types, now);
        if (claimed.isPresent()) {
            var row = claimed.get();
            return new Claimed(row.uuid(), row.testType(), row.symptomDate(), row.testDate(), row.createdAt());
        }
        var diagnosis = repository.diagnose(realm, candidates);
        if (diagnosis.isEmpty()) {
            return invalid(true);
        }
        if (diagnosis.get().claimed()) {
            return invalid(false);
        }
        if (!diagnosis.get().relevantExpiry().isAfter(now)) {
            return new Refused(ErrorCode.CODE_EXPIRED, "verification code expired", true);
        }
        return new Refused(
                ErrorCode.UNSUPPORTED_TEST_TYPE, "the code's test type is not among the accepted types", true);
    }

    private static Refused invalid(boolean countsAsInvalid) {
        return new Refused(ErrorCode.CODE_INVALID, "verification code invalid", countsAsInvalid);
    }
}
