package org.enverify.sms;

/**
 * An SMS that was not accepted for delivery. The message is fit for logs and API errors: it never
 * carries the phone number or the text.
 */
public class SmsRefusedException extends RuntimeException {

    /** Twilio's "queue is full" refusal: the sender has too many SMS waiting. */
    static final String TWILIO_QUEUE_FULL = "21611";

    private final String providerCode;

    SmsRefusedException(String message, String providerCode) {
        super(message, null, false, false);
        this.providerCode = providerCode;
    }

    /** Whether the provider refused because its queue is full, so the caller may try again later. */
    public boolean queueFull() {
        return TWILIO_QUEUE_FULL.equals(providerCode);
    }
}
