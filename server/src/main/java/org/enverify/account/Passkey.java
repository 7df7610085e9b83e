package org.enverify.account;

import java.time.Instant;

/** A passkey of an account, as its owner sees it in the list; {@code id} is the credential id in base64url. */
public record Passkey(String id, String label, Instant created, Instant lastUsed) {}
