package org.enverify.account;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.enverify.audit.AuditLog;
import org.enverify.platform.Actor;
import org.enverify.platform.ListQuery;
import org.enverify.platform.Listing;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ErrorCode;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts of the web UI: creating them, their passwords, and the system administrator flag. What an
 * administrator does to an account (the flag, ending its sessions, deleting it) goes into the audit trail.
 */
@Service
public class Users {

    static final int MAXIMUM_EMAIL_LENGTH = 250;
    static final int MAXIMUM_NAME_LENGTH = 100;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final UserRepository repository;
    private final SessionRevocation sessions;
    private final MembershipRepository memberships;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordEncoder passwords = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    Users(
            UserRepository repository,
            SessionRevocation sessions,
            MembershipRepository memberships,
            AuditLog audit,
            Clock clock) {
        this.repository = repository;
        this.sessions = sessions;
        this.memberships = memberships;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates an account without a password: its owner chooses one through an invitation link.
     *
     * @throws Refusal about the email and the name: malformed, or an email in use
     */
    @Transactional
    public User create(String email, String name, boolean systemAdmin) {
        String cleanEmail = email == null ? "" : email.strip();
        String cleanName = name == null ? "" : name.strip();
        List<Refusal> refused = new ArrayList<>();
        if (cleanEmail.isEmpty()) {
            refused.add(InputRefusal.of("email", "is required", "form.required"));
        } else if (cleanEmail.length() > MAXIMUM_EMAIL_LENGTH) {
            refused.add(InputRefusal.of("email", "is too long", "form.tooLong"));
        } else if (!EMAIL.matcher(cleanEmail).matches()) {
            refused.add(InputRefusal.of("email", "is not an email address", "email.invalid"));
        } else if (repository.findByEmail(cleanEmail).isPresent()) {
            refused.add(InputRefusal.of("email", "is in use by another account", "email.taken"));
        }
        if (cleanName.isEmpty()) {
            refused.add(InputRefusal.of("name", "is required", "form.required"));
        } else if (cleanName.length() > MAXIMUM_NAME_LENGTH) {
            refused.add(InputRefusal.of("name", "is too long", "form.tooLong"));
        } else if (cleanName.chars().anyMatch(Character::isISOControl)) {
            refused.add(InputRefusal.of("name", "contains control characters", "form.invalidCharacters"));
        }
        if (!refused.isEmpty()) {
            throw Refusal.ofEach(ErrorCode.UNPARSABLE_REQUEST, refused);
        }
        long id = repository.insert(cleanEmail, cleanName, systemAdmin, clock.instant());
        return repository.find(id).orElseThrow();
    }

    public Optional<User> find(long id) {
        return repository.find(id);
    }

    public Optional<User> findByEmail(String email) {
        return repository.findByEmail(email == null ? "" : email.strip());
    }

    public List<User> search(String text, boolean systemAdminsOnly, int limit, int offset) {
        return repository.search(text == null ? "" : text.strip(), systemAdminsOnly, limit, offset);
    }

    /**
     * A page of the accounts a search finds, in the order the query names ({@code created_at}, {@code name},
     * {@code email}); {@code can:} holds in at least one realm, {@code cannot:} in none.
     *
     * @param systemAdmin only system administrators (true), only everyone else (false), or everyone (null)
     */
    public Listing<User> list(MemberSearch search, Boolean systemAdmin, ListQuery query) {
        return repository.list(search, systemAdmin, query);
    }

    /**
     * Sets a password its owner chose, after checking it against {@link PasswordPolicy}.
     *
     * @throws Refusal about the {@code password} when the policy refuses it
     */
    @Transactional
    public void setPassword(long userId, String password) {
        User user = repository.find(userId).orElseThrow(() -> new UserNotFoundException(userId));
        PasswordPolicy.problem(password, user.email(), user.name()).ifPresent(problem -> {
            throw InputRefusal.of("password", "is refused by the password policy", problem);
        });
        repository.setPassword(userId, passwords.encode(password), false, clock.instant());
    }

    /**
     * A new one-time password with its Argon2id hash. Hashing is slow on purpose (a tenth of a second and more in a
     * fresh process), so callers make it before, or beside, the transaction that stores it.
     */
    public GeneratedPassword generatePassword() {
        return GeneratedPassword.hashedWith(passwords);
    }

    /** Sets a password the server made up; its owner must replace it at the next sign-in. */
    @Transactional
    public void setGeneratedPassword(long userId, GeneratedPassword password) {
        repository.find(userId).orElseThrow(() -> new UserNotFoundException(userId));
        repository.setPassword(userId, password.hash(), true, clock.instant());
    }

    /** Whether the password is the account's; false for an account without one. */
    public boolean passwordMatches(long userId, String password) {
        return repository
                .passwordHash(userId)
                .map(hash -> password != null && passwords.matches(password, hash))
                .orElse(false);
    }

    /** The encoder sign-in checks passwords with; see {@link PasswordSignIn}. */
    PasswordEncoder passwordEncoder() {
        return passwords;
    }

    Optional<String> passwordHash(long userId) {
        return repository.passwordHash(userId);
    }

    @Transactional
    public void rename(long userId, String name) {
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty()) {
            throw InputRefusal.of("name", "is required", "form.required");
        }
        if (cleanName.length() > MAXIMUM_NAME_LENGTH) {
            throw InputRefusal.of("name", "is too long", "form.tooLong");
        }
        repository.setName(userId, cleanName);
    }

    /** Keeps the UI language the person chose, as a language tag such as {@code de}. */
    public void setLanguage(long userId, Locale language) {
        repository.setLanguage(userId, language.toLanguageTag());
    }

    /**
     * @throws Refusal {@code last_user_admin} about {@code system_admin} when it would take the flag from the
     *     installation's last system administrator
     */
    @Transactional
    public void setSystemAdmin(long userId, boolean systemAdmin, Actor actor) {
        User user = repository.find(userId).orElseThrow(() -> new UserNotFoundException(userId));
        if (user.systemAdmin() && !systemAdmin && isLastSystemAdmin(userId)) {
            throw lastSystemAdmin().about("system_admin");
        }
        if (user.systemAdmin() != systemAdmin) {
            audit.recordSystemWide(
                    actor,
                    "user.system_admin",
                    target(userId),
                    Map.of("system_admin", user.systemAdmin()),
                    Map.of("system_admin", systemAdmin));
        }
        repository.setSystemAdmin(userId, systemAdmin);
    }

    @Transactional
    public void markEmailVerified(long userId) {
        repository.markEmailVerified(userId, clock.instant());
    }

    /** Ends every session of the user, on every replica, at an administrator's request. */
    @Transactional
    public void revokeSessions(long userId, Actor actor) {
        audit.recordSystemWide(actor, "user.revoke_sessions", target(userId), Map.of(), Map.of());
        endSessions(userId);
    }

    /** Ends every session of the user, on every replica: the next request of each signs in again. */
    @Transactional
    void endSessions(long userId) {
        repository.revokeSessions(userId, clock.instant());
        sessions.endAll(userId);
    }

    /**
     * Deletes the account with its memberships; each realm's trail records the membership's end.
     *
     * @throws Refusal {@code last_user_admin} for the installation's last system administrator
     */
    @Transactional
    public boolean delete(long userId, Actor actor) {
        Optional<User> user = repository.find(userId);
        if (user.isEmpty()) {
            return false;
        }
        if (user.get().systemAdmin() && isLastSystemAdmin(userId)) {
            throw lastSystemAdmin();
        }
        for (Membership membership : memberships.ofUser(userId)) {
            audit.record(
                    membership.realmId(),
                    actor,
                    "membership.delete",
                    target(userId),
                    Map.of("permissions", membership.permissions()),
                    Map.of());
        }
        audit.recordSystemWide(
                actor,
                "user.delete",
                target(userId),
                Map.of(
                        "email", user.get().email(),
                        "name", user.get().name(),
                        "system_admin", user.get().systemAdmin()),
                Map.of());
        sessions.endAll(userId);
        return repository.delete(userId);
    }

    private static String target(long userId) {
        return "users:" + userId;
    }

    /** Whether the system administrator is the only one; the others stay locked until the transaction ends. */
    private boolean isLastSystemAdmin(long userId) {
        return repository.systemAdminsForUpdate().stream().allMatch(admin -> admin == userId);
    }

    /** The installation always keeps a system administrator, so nobody locks everyone out of it. */
    private static Refusal lastSystemAdmin() {
        return Refusal.of(
                        ErrorCode.LAST_USER_ADMIN,
                        "the installation's last system administrator stays one; make someone else a system"
                                + " administrator first")
                .shown("admin.lastSystemAdmin");
    }

    /** Whether any system administrator exists; the first start creates one when none does. */
    boolean anySystemAdmin() {
        return repository.anySystemAdmin();
    }
}
