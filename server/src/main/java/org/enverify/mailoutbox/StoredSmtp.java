package org.enverify.mailoutbox;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.enverify.platform.crypto.SecretCipher;

/**
 * An SMTP account as a row keeps it, its password encrypted.
 *
 * @param host null for "no account"; then every other field is null too
 * @param username null for a server that takes mail without authentication, which also has no password
 */
record StoredSmtp(String host, Integer port, String username, byte[] passwordCiphertext, String from, String tls) {

    static final StoredSmtp NONE = new StoredSmtp(null, null, null, null, null, null);

    /** The checked fields, with the new password encrypted or, when none was typed, the kept one. */
    static StoredSmtp of(SmtpRules.Checked checked, byte[] passwordCiphertext) {
        boolean authenticates = !checked.username().isEmpty();
        return new StoredSmtp(
                checked.host(),
                checked.port(),
                authenticates ? checked.username() : null,
                authenticates ? passwordCiphertext : null,
                checked.from(),
                checked.tls().value());
    }

    /** The account mails are handed to, its password decrypted; {@code context} is the ciphertext's associated data. */
    SmtpAccount account(SecretCipher cipher, String context, boolean realmOwned) {
        return new SmtpAccount(
                host,
                port,
                username == null ? "" : username,
                passwordCiphertext == null
                        ? ""
                        : new String(cipher.decrypt(passwordCiphertext, context), StandardCharsets.UTF_8),
                from,
                SmtpTls.of(tls).orElseThrow(),
                realmOwned);
    }

    SmtpShown shown() {
        if (host == null) {
            return SmtpShown.NONE;
        }
        return new SmtpShown(host, port, username == null ? "" : username, passwordCiphertext != null, from, tls);
    }

    /** The fields as the audit trail keeps them: the password under a name it redacts, so only its change shows. */
    Map<String, Object> described() {
        Map<String, Object> fields = new TreeMap<>();
        if (host != null) {
            fields.put("host", host);
            fields.put("port", port);
            fields.put("from", from);
            fields.put("tls", tls);
        }
        if (username != null) {
            fields.put("username", username);
        }
        if (passwordCiphertext != null) {
            fields.put("smtp_password", HexFormat.of().formatHex(passwordCiphertext));
        }
        return fields;
    }
}
