package org.enverify.platform.net;

/** A URL {@link OutboundUrls} refuses, with the reason; its message is the reason's English text. */
public class RefusedUrl extends IllegalArgumentException {

    /** Why a URL is refused, each with the English text and the key of the message pages show. */
    public enum Reason {
        NOT_A_URL("is not a URL", "url.refused.notUrl"),
        NOT_ABSOLUTE_HTTPS("must be an absolute https URL of at most 1000 characters", "url.refused.notAbsolute"),
        CREDENTIALS("must not carry a user name or password", "url.refused.credentials"),
        NOT_HTTPS("must use https", "url.refused.notHttps"),
        UNRESOLVED("names a host that does not resolve", "url.refused.unresolved"),
        NOT_PUBLIC(
                "resolves to a private, loopback or link-local address or another special-purpose one, which this"
                        + " server may not call",
                "url.refused.notPublic");

        private final String text;
        private final String messageKey;

        Reason(String text, String messageKey) {
            this.text = text;
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final Reason reason;

    RefusedUrl(Reason reason) {
        super(reason.text);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
