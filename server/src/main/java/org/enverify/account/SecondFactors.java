package org.enverify.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.platform.crypto.SecretCipher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Second factors of an account besides passkeys (see {@link Passkeys}): an authenticator app (TOTP) and its
 * single-use recovery codes. The TOTP secret is stored encrypted; recovery codes only as hashes, shown once.
 */
@Service
public class SecondFactors {

    static final int RECOVERY_CODES = 10;
    static final String ISSUER = "Enverify";
    private static final int SECRET_BYTES = 20;
    private static final int MAXIMUM_CODE_LENGTH = 64;
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final SecondFactorRepository repository;
    private final SecretCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SecondFactors(SecondFactorRepository repository, SecretCipher cipher, Clock clock) {
        this.repository = repository;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Whether the account has a confirmed authenticator app or a passkey, so sign-in asks for one of them. */
    public boolean enrolled(long userId) {
        return repository.anySecondFactor(userId);
    }

    public boolean totpEnabled(long userId) {
        return repository
                .totp(userId)
                .map(SecondFactorRepository.StoredTotp::confirmed)
                .orElse(false);
    }

    public int unusedRecoveryCodes(long userId) {
        return repository.unusedRecoveryCodes(userId);
    }

    /**
     * Starts setting up an authenticator app with a new secret, which counts only once confirmed.
     *
     * @return empty when an app is already set up
     */
    @Transactional
    public Optional<TotpEnrolment> startTotp(User user) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        if (!repository.savePendingTotp(
                user.id(), cipher.encrypt(secret, associatedData(user.id())), clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(enrolment(user, secret));
    }

    /** The enrolment started and not yet confirmed, to show again after a wrong code. */
    public Optional<TotpEnrolment> pendingTotp(User user) {
        return repository
                .totp(user.id())
                .filter(stored -> !stored.confirmed())
                .map(stored -> enrolment(user, cipher.decrypt(stored.secret(), associatedData(user.id()))));
    }

    /**
     * Turns the app on when the code matches the pending secret, and issues fresh recovery codes.
     *
     * @return the recovery codes to show once; empty for a wrong code or when nothing is pending
     */
    @Transactional
    public Optional<List<String>> confirmTotp(long userId, String code) {
        Optional<SecondFactorRepository.StoredTotp> stored =
                repository.totp(userId).filter(totp -> !totp.confirmed());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        byte[] secret = cipher.decrypt(stored.get().secret(), associatedData(userId));
        OptionalLong step = Totp.matchingStep(secret, normalizeTotp(code), clock.instant());
        if (step.isEmpty() || !repository.confirmTotp(userId, step.getAsLong(), clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(newRecoveryCodes(userId));
    }

    /**
     * Checks a code from the authenticator app, or else a recovery code, spending it: an app's code is not
     * accepted twice, nor one older than the last accepted, and a recovery code works once.
     */
    @Transactional
    public boolean verify(long userId, String code) {
        if (code == null || code.length() > MAXIMUM_CODE_LENGTH) {
            return false;
        }
        String digits = normalizeTotp(code);
        if (digits.length() == Totp.DIGITS && digits.chars().allMatch(Character::isDigit)) {
            Optional<SecondFactorRepository.StoredTotp> stored =
                    repository.totp(userId).filter(SecondFactorRepository.StoredTotp::confirmed);
            if (stored.isEmpty()) {
                return false;
            }
            byte[] secret = cipher.decrypt(stored.get().secret(), associatedData(userId));
            OptionalLong step = Totp.matchingStep(secret, digits, clock.instant());
            return step.isPresent() && repository.useTotpStep(userId, step.getAsLong());
        }
        String recovery = normalizeRecovery(code);
        return !recovery.isEmpty() && repository.useRecoveryCode(userId, hash(userId, recovery), clock.instant());
    }

    /** Turns the authenticator app off and drops its recovery codes; the caller has checked the password. */
    @Transactional
    public void disableTotp(long userId) {
        repository.deleteTotp(userId);
        repository.deleteRecoveryCodes(userId);
    }

    private List<String> newRecoveryCodes(long userId) {
        List<String> codes = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
            }
            codes.add(code.substring(0, 5) + "-" + code.substring(5));
            hashes.add(hash(userId, code.toString()));
        }
        repository.replaceRecoveryCodes(userId, hashes, clock.instant());
        return codes;
    }

    private static TotpEnrolment enrolment(User user, byte[] secret) {
        String base32 = Totp.base32(secret);
        String label = URLEncoder.encode(ISSUER + ":" + user.email(), StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%3A", ":")
                .replace("%40", "@");
        return new TotpEnrolment(base32, "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + ISSUER);
    }

    private static String normalizeTotp(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "");
    }

    private static String normalizeRecovery(String code) {
        return code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private static byte[] hash(long userId, String code) {
        return CryptoProvider.sha256((userId + ":" + code).getBytes(StandardCharsets.UTF_8));
    }

    private static String associatedData(long userId) {
        return "user_totp.secret:" + userId;
    }
}
