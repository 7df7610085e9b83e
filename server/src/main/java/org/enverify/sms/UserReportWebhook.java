package org.enverify.sms;

import java.net.URI;

/**
 * Where a realm's user-report web view delivers the SMS instead of sending it: the realm's own
 * system receives the text and sends it, and checks {@code X-Signature} (hex HMAC-SHA512 of the body
 * under {@code secret}).
 */
public record UserReportWebhook(URI url, byte[] secret) {}
