package org.enverify.platform;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who changed something, as the audit trail names it: {@code users:<id>}, {@code apikeys:<id>},
 * {@code oauth:<subject>} (a management API caller by its token's {@code sub}), {@code system} (a periodic
 * task) or {@code cli} (an operator at the command line, who has the server's configuration and is not known
 * by name), and the request it came by, when it came by one that named itself ({@code X-Request-Id}). It
 * lives here, not in the audit feature, because the realm feature passes it on and the audit feature depends
 * on the realm feature.
 *
 * @param requestId the request's id, as the request log names it; null outside a request that has one
 */
public record Actor(String id, String requestId) {

    private static final String OAUTH = "oauth:";
    private static final Pattern FORM =
            Pattern.compile("(users|apikeys):[1-9][0-9]{0,18}|oauth:[\\x21-\\x7e]{1,200}|system|cli");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Actor {
        if (id == null || !FORM.matcher(id).matches()) {
            throw new IllegalArgumentException("An actor is users:<id>, apikeys:<id>, oauth:<subject>, system or cli");
        }
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            throw new IllegalArgumentException("A request id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    public Actor(String id) {
        this(id, null);
    }

    public static Actor user(long userId) {
        return new Actor("users:" + userId);
    }

    public static Actor apiKey(long keyId) {
        return new Actor("apikeys:" + keyId);
    }

    /** The caller of a bearer token, by its subject: printable ASCII without spaces, at most 200 characters. */
    public static Actor oauth(String subject) {
        return new Actor(OAUTH + subject);
    }

    /** Whether the text is an actor's id as the audit trail stores it: {@code users:5}, {@code oauth:<subject>}, …. */
    public static boolean isActorId(String id) {
        return id != null && FORM.matcher(id).matches();
    }

    /** Whether a token's subject can name an {@link #oauth} actor. */
    public static boolean isOauthSubject(String subject) {
        return subject != null && isActorId(OAUTH + subject);
    }

    /** The token's subject of an {@link #oauth} actor; empty for every other actor. */
    public Optional<String> oauthSubject() {
        return id.startsWith(OAUTH) ? Optional.of(id.substring(OAUTH.length())) : Optional.empty();
    }

    public static Actor system() {
        return new Actor("system");
    }

    public static Actor cli() {
        return new Actor("cli");
    }

    /** The same actor, acting through the request with this id. */
    public Actor byRequest(String id) {
        return new Actor(this.id, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
