package org.enverify.code;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.enverify.platform.Refusal;
import org.enverify.platform.crypto.SecretCipher;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.TestType;
import org.springframework.stereotype.Service;

/**
 * Issues at most one code per issue form of the web UI, whatever number of times the form is posted (a reload of
 * the result, a double click, a request the browser sent again), and keeps what it issued for the result page.
 */
@Service
public class IssueReceipts {

    private final IssueReceiptRepository repository;
    private final Codes codes;
    private final SecretCipher cipher;
    private final Clock clock;

    IssueReceipts(IssueReceiptRepository repository, Codes codes, SecretCipher cipher, Clock clock) {
        this.repository = repository;
        this.codes = codes;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * What one issue form issued. A receipt without a code is pending: an earlier post of the same form is still
     * issuing.
     *
     * @param maskedPhone the phone the code was sent to, all but its country code and last two digits hidden;
     *     null when no SMS was sent
     */
    public record Receipt(
            UUID formId, UUID uuid, String code, TestType testType, Instant expiresAt, String maskedPhone) {

        public boolean pending() {
            return uuid == null;
        }
    }

    /**
     * Issues the code the form asks for, unless a post of the same form did already: then returns that one's
     * receipt (pending while it is still issuing).
     *
     * @throws Refusal as {@link Codes#issue} does; nothing is stored then, and the form may be posted again
     */
    public Receipt issueOnce(Realm realm, long userId, UUID formId, IssueCodeCommand command) {
        if (!repository.claim(realm.id(), userId, formId, clock.instant())) {
            return find(realm.id(), userId, formId).orElseGet(() -> pending(formId));
        }
        IssuedCode issued;
        try {
            issued = codes.issue(realm, Issuer.user(userId), command);
        } catch (RuntimeException refusedOrFailed) {
            repository.release(realm.id(), userId, formId);
            throw refusedOrFailed;
        }
        TestType testType = TestType.fromApiName(command.testType()).orElseThrow();
        String maskedPhone = masked(issued.phone());
        repository.complete(
                realm.id(),
                userId,
                formId,
                issued.uuid(),
                cipher.encrypt(issued.code().getBytes(StandardCharsets.US_ASCII), codeData(realm.id(), userId, formId)),
                testType.apiName(),
                issued.expiresAt(),
                maskedPhone);
        return new Receipt(formId, issued.uuid(), issued.code(), testType, issued.expiresAt(), maskedPhone);
    }

    /** The receipt of a form this user posted in the realm; empty when they never did (or it was refused). */
    public Optional<Receipt> find(RealmId realm, long userId, UUID formId) {
        return repository
                .find(realm, userId, formId)
                .map(row -> row.codeUuid() == null
                        ? pending(formId)
                        : new Receipt(
                                formId,
                                row.codeUuid(),
                                new String(
                                        cipher.decrypt(row.codeCiphertext(), codeData(realm, userId, formId)),
                                        StandardCharsets.US_ASCII),
                                TestType.fromApiName(row.testType()).orElseThrow(),
                                row.expiresAt(),
                                row.maskedPhone()));
    }

    private static Receipt pending(UUID formId) {
        return new Receipt(formId, null, null, null, null, null);
    }

    private static String codeData(RealmId realm, long userId, UUID formId) {
        return "issue_receipts.code_ciphertext:" + realm + ":" + userId + ":" + formId;
    }

    /** {@code +12065550123} as {@code +1 ••••••••23}: enough for the case worker to tell the number, no more. */
    static String masked(String e164) {
        if (e164 == null) {
            return null;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            Phonenumber.PhoneNumber number = util.parse(e164, null);
            String national = util.getNationalSignificantNumber(number);
            int shown = Math.min(2, national.length());
            return "+" + number.getCountryCode() + " " + "•".repeat(national.length() - shown)
                    + national.substring(national.length() - shown);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("an issued code's phone is always E.164", e);
        }
    }
}
