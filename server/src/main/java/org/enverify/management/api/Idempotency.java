package org.enverify.management.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.enverify.management.IdempotentReplies;
import org.enverify.platform.Actor;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.RealmId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on a creating POST: without the header the creation simply runs; with it, the first
 * reply to the caller's key is given again (status and body, marked {@code Idempotent-Replayed: true}) for
 * 24 hours without a second creation, and the key with another body is refused with 422.
 */
@Component
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final IdempotentReplies replies;
    private final JsonMapper json;

    Idempotency(IdempotentReplies replies, JsonMapper json) {
        this.replies = replies;
        this.json = json;
    }

    /**
     * @param realm the realm the call works in; empty for a system-scope call
     * @param body the request's body as read, which with the method and path identifies the request
     */
    public ResponseEntity<?> create(
            Optional<RealmId> realm,
            Actor caller,
            HttpServletRequest request,
            Object body,
            Supplier<ResponseEntity<?>> creation) {
        String key = request.getHeader(HEADER);
        if (key == null) {
            return creation.get();
        }
        if (!IdempotentReplies.isKey(key)) {
            throw ApiException.badRequest(
                            ErrorCode.UNPARSABLE_REQUEST,
                            HEADER + " must be 1 to 255 printable characters without spaces")
                    .about(HEADER);
        }
        String identity = request.getMethod() + " " + request.getRequestURI() + "\n" + json.writeValueAsString(body);
        AtomicReference<ResponseEntity<?>> created = new AtomicReference<>();
        IdempotentReplies.Reply reply = replies.reply(realm, caller, key, identity, () -> {
            ResponseEntity<?> fresh = creation.get();
            created.set(fresh);
            return new IdempotentReplies.Reply(fresh.getStatusCode().value(), json.writeValueAsBytes(fresh.getBody()));
        });
        if (created.get() != null) {
            return created.get();
        }
        return ResponseEntity.status(reply.status())
                .contentType(MediaType.APPLICATION_JSON)
                .header(REPLAYED_HEADER, "true")
                .body(json.readTree(reply.body()));
    }
}
