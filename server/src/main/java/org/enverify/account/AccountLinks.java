package org.enverify.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.enverify.platform.crypto.CryptoProvider;
import org.enverify.realm.RealmId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The single-use links of account mails: invitations, email verification, password reset. Only the
 * SHA-256 of a link's token is stored, so the table alone opens no account.
 */
@Component
public class AccountLinks {

    /** What a link does. */
    public enum Purpose {
        INVITATION,
        EMAIL_VERIFICATION,
        PASSWORD_RESET
    }

    /** What became of a presented link. */
    public enum State {
        VALID,
        EXPIRED,
        USED,
        UNKNOWN
    }

    /** A link looked up by its token. */
    public record Link(State state, long userId, RealmId realm) {

        static Link of(State state) {
            return new Link(state, 0, null);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AccountSettings settings;
    private final Clock clock;

    AccountLinks(JdbcClient jdbc, AccountSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Creates a link and returns its token, which goes into the mail and nowhere else. */
    String create(Purpose purpose, long userId, RealmId realm) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO account_links (token_hash, purpose, user_id, realm_id, expires_at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        hash(token),
                        purpose.name(),
                        userId,
                        realm == null ? null : realm.value(),
                        Timestamp.from(now.plus(settings.linkLifetime(purpose))),
                        Timestamp.from(now))
                .update();
        return token;
    }

    /** The link's state without using it, for the page that shows the link's form. */
    public Link peek(Purpose purpose, String token) {
        return jdbc.sql("SELECT user_id, realm_id, expires_at, used_at FROM account_links"
                        + " WHERE token_hash = ? AND purpose = ?")
                .params(hash(token), purpose.name())
                .query((row, number) -> {
                    long realmId = row.getLong("realm_id");
                    RealmId realm = row.wasNull() ? null : new RealmId(realmId);
                    State state = row.getTimestamp("used_at") != null
                            ? State.USED
                            : row.getTimestamp("expires_at").toInstant().isAfter(clock.instant())
                                    ? State.VALID
                                    : State.EXPIRED;
                    return new Link(state, row.getLong("user_id"), realm);
                })
                .optional()
                .orElse(Link.of(State.UNKNOWN));
    }

    /**
     * Uses the link in the caller's transaction: of two requests with one token, one wins.
     *
     * @return the link as it was; only a {@link State#VALID} one was used now
     */
    public Link use(Purpose purpose, String token) {
        Optional<Link> used = jdbc.sql("UPDATE account_links SET used_at = ? WHERE token_hash = ? AND purpose = ?"
                        + " AND used_at IS NULL AND expires_at > ? RETURNING user_id, realm_id")
                .params(Timestamp.from(clock.instant()), hash(token), purpose.name(), Timestamp.from(clock.instant()))
                .query((row, number) -> {
                    long realmId = row.getLong("realm_id");
                    RealmId realm = row.wasNull() ? null : new RealmId(realmId);
                    return new Link(State.VALID, row.getLong("user_id"), realm);
                })
                .optional();
        return used.orElseGet(() -> peek(purpose, token));
    }

    /** Whether a link of this purpose was made for the user less than {@code age} ago. */
    boolean createdWithin(Purpose purpose, long userId, Duration age) {
        return jdbc.sql("SELECT count(*) FROM account_links WHERE user_id = ? AND purpose = ? AND created_at > ?")
                        .params(
                                userId,
                                purpose.name(),
                                Timestamp.from(clock.instant().minus(age)))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Whether the account's invitations are this realm's to send: its first invitation, the one that made
     * the account, came from the realm. An account without any invitation belongs to no one else.
     */
    boolean firstInvitedBy(long userId, RealmId realm) {
        return jdbc.sql("SELECT realm_id FROM account_links WHERE user_id = ? AND purpose = ?"
                        + " ORDER BY created_at, token_hash LIMIT 1")
                .params(userId, Purpose.INVITATION.name())
                .query((row, number) -> {
                    long realmId = row.getLong("realm_id");
                    return !row.wasNull() && realmId == realm.value();
                })
                .optional()
                .orElse(true);
    }

    /** Makes the user's open links of this purpose unusable, such as older reset links after a reset. */
    void retire(Purpose purpose, long userId) {
        jdbc.sql("UPDATE account_links SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
                .params(Timestamp.from(clock.instant()), userId, purpose.name())
                .update();
    }

    private static byte[] hash(String token) {
        return CryptoProvider.sha256((token == null ? "" : token).getBytes(StandardCharsets.UTF_8));
    }
}
