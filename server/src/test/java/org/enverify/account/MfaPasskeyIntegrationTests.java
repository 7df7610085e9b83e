package org.enverify.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import org.enverify.apikey.ApiKeys;
import org.enverify.realm.Permission;
import org.enverify.realm.Realms;
import org.enverify.support.EnverifyIntegrationTest;
import org.enverify.support.TestRealm;
import org.enverify.support.TestUsers;
import org.enverify.support.UiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys over real HTTP with a software authenticator that builds what a browser would post (a "none"
 * attestation and ES256 assertions): registration, the passkey as second factor, and on its own.
 */
@EnverifyIntegrationTest
class MfaPasskeyIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    Realms realms;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    Memberships memberships;

    @Autowired
    JdbcClient jdbc;

    User worker;

    @BeforeEach
    void setUp(TestRealm realm) {
        worker = TestUsers.member(users, memberships, realm.id(), Permission.CASE_WORKER);
    }

    @Test
    void optionsEndpointsAnswerForTheRightSessions(UiClient anonymous, UiClient browser) {
        UiClient.Page script = anonymous.get("/login/webauthn.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("window.setupLogin");
        anonymous.get("/login");
        JsonNode request = json(anonymous.postJson("/webauthn/authenticate/options", ""));
        assertThat(request.path("rpId").asString()).isEqualTo("localhost");
        assertThat(request.path("challenge").asString()).isNotEmpty();
        assertThat(anonymous.postJson("/webauthn/register/options", "").location())
                .endsWith("/login");

        browser.signIn(worker.email(), TestUsers.PASSWORD);
        browser.get("/account/mfa");
        JsonNode creation = json(browser.postJson("/webauthn/register/options", ""));
        assertThat(creation.path("rp").path("id").asString()).isEqualTo("localhost");
        assertThat(creation.path("user").path("name").asString()).isEqualTo(worker.email());
        assertThat(creation.path("user").path("displayName").asString()).isEqualTo(worker.name());
        assertThat(creation.path("authenticatorSelection").path("residentKey").asString())
                .isEqualTo("required");
        assertThat(browser.postExactly("/webauthn/register/options", Map.of()).status())
                .as("no CSRF token")
                .isEqualTo(403);
    }

    @Test
    void aRegisteredPasskeyIsASecondFactorAndOnItsOwnAWayIn(
            UiClient browser, UiClient second, UiClient passwordless, UiClient forged) throws Exception {
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        SoftAuthenticator authenticator = new SoftAuthenticator("http://localhost:" + port);
        register(browser, authenticator, "Work laptop");
        assertThat(browser.get("/webauthn/register?success").location()).endsWith("/account/mfa?passkeyAdded");
        assertThat(browser.get("/account/mfa").body()).contains("Work laptop");

        second.get("/login");
        assertThat(second.post("/login", Map.of("email", worker.email(), "password", TestUsers.PASSWORD))
                        .location())
                .as("a passkey is a second factor")
                .endsWith("/login/mfa");
        UiClient.Page challenge = second.get("/login/mfa");
        assertThat(challenge.body()).contains("data-passkey-sign-in").doesNotContain("name=\"code\"");
        assertThat(signInWithPasskey(second, authenticator, false).status()).isEqualTo(200);
        assertThat(second.follow(second.get("/")).body()).contains("name=\"testType\"");

        passwordless.get("/login");
        assertThat(signInWithPasskey(passwordless, authenticator, false).status())
                .as("without user verification a passkey is one factor")
                .isEqualTo(401);
        assertThat(passwordless.get("/codes/issue").location()).endsWith("/login");
        UiClient.Page signedIn = signInWithPasskey(passwordless, authenticator, true);
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(json(signedIn).path("redirectUrl").asString()).isEqualTo("/");
        assertThat(passwordless.follow(passwordless.get("/")).body()).contains("name=\"testType\"");

        forged.get("/login");
        SoftAuthenticator stranger = new SoftAuthenticator("http://localhost:" + port);
        stranger.credentialId = authenticator.credentialId;
        assertThat(signInWithPasskey(forged, stranger, true).status()).isEqualTo(401);
    }

    @Test
    void aRefusedPasskeyOnTheSecondFactorPageLeadsBackThereWithTheReason(
            UiClient browser, UiClient second, UiClient anonymous) throws Exception {
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        SoftAuthenticator authenticator = new SoftAuthenticator("http://localhost:" + port);
        register(browser, authenticator, "Work laptop");

        second.get("/login");
        second.post("/login", Map.of("email", worker.email(), "password", TestUsers.PASSWORD));
        second.get("/login/mfa");
        SoftAuthenticator stranger = new SoftAuthenticator("http://localhost:" + port);
        stranger.credentialId = authenticator.credentialId;
        assertThat(signInWithPasskey(second, stranger, true).status()).isEqualTo(401);
        UiClient.Page back = second.get("/login?error");
        assertThat(back.location())
                .as("where Spring Security's script goes after a refusal")
                .endsWith("/login/mfa?passkeyRefused");
        assertThat(second.follow(back).body())
                .contains("The passkey was not accepted")
                .contains("data-passkey-sign-in");
        assertThat(signInWithPasskey(second, authenticator, false).status()).isEqualTo(200);
        assertThat(second.follow(second.get("/")).body()).contains("name=\"testType\"");

        anonymous.get("/login");
        assertThat(signInWithPasskey(anonymous, stranger, true).status()).isEqualTo(401);
        UiClient.Page signIn = anonymous.get("/login?error");
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.body()).contains("name=\"password\"");
    }

    @Test
    void refusedRegistrationsStoreNothing(UiClient browser) throws Exception {
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        browser.get("/account/mfa");
        SoftAuthenticator authenticator = new SoftAuthenticator("http://localhost:" + port);
        for (String label : new String[] {"", "x".repeat(10_000), "tab\there"}) {
            String challenge = json(browser.postJson("/webauthn/register/options", ""))
                    .path("challenge")
                    .asString();
            assertThat(browser.postJson("/webauthn/register", authenticator.registration(challenge, label))
                            .status())
                    .isEqualTo(400);
        }
        String challenge = json(browser.postJson("/webauthn/register/options", ""))
                .path("challenge")
                .asString();
        SoftAuthenticator elsewhere = new SoftAuthenticator("https://evil.example");
        assertThat(browser.postJson("/webauthn/register", elsewhere.registration(challenge, "Phished"))
                        .status())
                .isEqualTo(400);
        assertThat(browser.postJson("/webauthn/register", "{\"garbage\": true}").status())
                .isEqualTo(400);
        assertThat(passkeysOf(worker)).isZero();
    }

    @Test
    void deletingAPasskeyNeedsThePasswordAndTheOwner(UiClient browser, UiClient stranger) throws Exception {
        browser.signIn(worker.email(), TestUsers.PASSWORD);
        SoftAuthenticator authenticator = new SoftAuthenticator("http://localhost:" + port);
        register(browser, authenticator, "Phone");
        String id = b64(authenticator.credentialId);
        browser.get("/account/mfa");

        User other = TestUsers.member(
                users, memberships, TestRealm.create(realms, apiKeys).id(), Permission.CASE_WORKER);
        stranger.signIn(other.email(), TestUsers.PASSWORD);
        stranger.get("/account/mfa");
        stranger.post("/account/mfa/passkeys/delete", Map.of("id", id, "password", TestUsers.PASSWORD));
        assertThat(browser.postExactly("/webauthn/register/" + id, Map.of()).status())
                .isEqualTo(403);

        assertThat(browser.post("/account/mfa/passkeys/delete", Map.of("id", id, "password", "wrong password here"))
                        .status())
                .isEqualTo(422);
        assertThat(passkeysOf(worker)).isOne();
        assertThat(browser.post("/account/mfa/passkeys/delete", Map.of("id", id, "password", TestUsers.PASSWORD))
                        .location())
                .endsWith("/account/mfa?passkeyDeleted");
        assertThat(passkeysOf(worker)).isZero();
    }

    private long passkeysOf(User user) {
        return jdbc.sql("""
                        SELECT count(*) FROM user_credentials c JOIN user_entities e ON e.id = c.user_entity_user_id
                        WHERE e.user_id = ?""").param(user.id()).query(Long.class).single();
    }

    private void register(UiClient browser, SoftAuthenticator authenticator, String label) throws Exception {
        browser.get("/account/mfa");
        JsonNode options = json(browser.postJson("/webauthn/register/options", ""));
        authenticator.userHandle =
                Base64.getUrlDecoder().decode(options.path("user").path("id").asString());
        UiClient.Page registered = browser.postJson(
                "/webauthn/register",
                authenticator.registration(options.path("challenge").asString(), label));
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(json(registered).path("success").asBoolean()).isTrue();
    }

    private UiClient.Page signInWithPasskey(UiClient browser, SoftAuthenticator authenticator, boolean verified)
            throws Exception {
        JsonNode options = json(browser.postJson("/webauthn/authenticate/options", ""));
        return browser.postJson(
                "/login/webauthn",
                authenticator.assertion(options.path("challenge").asString(), verified));
    }

    private static JsonNode json(UiClient.Page page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return JSON.readTree(page.body());
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What a platform authenticator and the browser make of a WebAuthn ceremony, with a P-256 key. */
    static final class SoftAuthenticator {

        private final KeyPair keys;
        private final String origin;
        byte[] credentialId = new byte[32];
        byte[] userHandle = new byte[0];
        private int counter;

        SoftAuthenticator(String origin) throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
            this.origin = origin;
            new SecureRandom().nextBytes(credentialId);
        }

        String registration(String challenge, String label) throws Exception {
            byte[] clientData = clientData("webauthn.create", challenge);
            ECPublicKey key = (ECPublicKey) keys.getPublic();
            ByteArrayOutputStream cose = new ByteArrayOutputStream();
            cose.write(new byte[] {(byte) 0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20});
            cose.write(unsigned32(key.getW().getAffineX()));
            cose.write(new byte[] {0x22, 0x58, 0x20});
            cose.write(unsigned32(key.getW().getAffineY()));
            ByteArrayOutputStream authData = new ByteArrayOutputStream();
            authData.write(sha256("localhost".getBytes(StandardCharsets.US_ASCII)));
            authData.write(0x45);
            authData.write(ByteBuffer.allocate(4).putInt(counter).array());
            authData.write(new byte[16]);
            authData.write(
                    ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
            authData.write(credentialId);
            authData.write(cose.toByteArray());
            byte[] data = authData.toByteArray();
            ByteArrayOutputStream attestation = new ByteArrayOutputStream();
            attestation.write(0xa3);
            attestation.write(text("fmt"));
            attestation.write(text("none"));
            attestation.write(text("attStmt"));
            attestation.write(0xa0);
            attestation.write(text("authData"));
            attestation.write(new byte[] {0x59, (byte) (data.length >> 8), (byte) data.length});
            attestation.write(data);
            return JSON.writeValueAsString(Map.of(
                    "publicKey",
                    Map.of(
                            "credential",
                            Map.of(
                                    "id", b64(credentialId),
                                    "rawId", b64(credentialId),
                                    "response",
                                            Map.of(
                                                    "attestationObject", b64(attestation.toByteArray()),
                                                    "clientDataJSON", b64(clientData),
                                                    "transports", new String[] {"internal"}),
                                    "type", "public-key",
                                    "clientExtensionResults", Map.of(),
                                    "authenticatorAttachment", "platform"),
                            "label",
                            label)));
        }

        /** As {@code /login/webauthn.js} posts it, {@code credType} and all. */
        String assertion(String challenge, boolean userVerified) throws Exception {
            byte[] clientData = clientData("webauthn.get", challenge);
            ByteArrayOutputStream authData = new ByteArrayOutputStream();
            authData.write(sha256("localhost".getBytes(StandardCharsets.US_ASCII)));
            authData.write(userVerified ? 0x05 : 0x01);
            authData.write(ByteBuffer.allocate(4).putInt(++counter).array());
            byte[] data = authData.toByteArray();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(data);
            signer.update(sha256(clientData));
            return JSON.writeValueAsString(Map.of(
                    "id", b64(credentialId),
                    "rawId", b64(credentialId),
                    "response",
                            Map.of(
                                    "authenticatorData", b64(data),
                                    "clientDataJSON", b64(clientData),
                                    "signature", b64(signer.sign()),
                                    "userHandle", b64(userHandle)),
                    "credType", "public-key",
                    "clientExtensionResults", Map.of(),
                    "authenticatorAttachment", "platform"));
        }

        private byte[] clientData(String type, String challenge) {
            return JSON.writeValueAsString(
                            Map.of("type", type, "challenge", challenge, "origin", origin, "crossOrigin", false))
                    .getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] text(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            byte[] encoded = new byte[bytes.length + 1];
            encoded[0] = (byte) (0x60 | bytes.length);
            System.arraycopy(bytes, 0, encoded, 1, bytes.length);
            return encoded;
        }

        private static byte[] unsigned32(BigInteger value) {
            byte[] raw = value.toByteArray();
            byte[] fixed = new byte[32];
            int length = Math.min(raw.length, 32);
            System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
            return fixed;
        }

        private static byte[] sha256(byte[] data) throws GeneralSecurityException {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
    }
}
