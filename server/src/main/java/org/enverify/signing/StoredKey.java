package org.enverify.signing;

import java.security.interfaces.ECPublicKey;
import java.time.Instant;

/** A public key as published: its kid, the key, whether it signs now, and when it was made. */
record StoredKey(String kid, ECPublicKey publicKey, boolean active, Instant createdAt) {}
