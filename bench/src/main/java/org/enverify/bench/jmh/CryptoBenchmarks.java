package org.enverify.bench.jmh;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The crypto and encoding steps of Enverify's hot paths, each done as the server does it, next to
 * the alternatives it chose against: ES256 with a native key object, with a JDK key handed to the
 * native provider (converted on every call), and on the JDK's SunEC; the verification token's JWT
 * signing and verification through nimbus-jose-jwt; the HMAC-SHA512 of a code or an API key; the
 * response padding. Run with {@code bench/jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CryptoBenchmarks {

    private static final String ES256 = "SHA256withECDSAinP1363Format";

    private Provider accp;
    private ECPrivateKey jdkPrivateKey;
    private ECPrivateKey nativePrivateKey;
    private ECPublicKey nativePublicKey;
    private ECDSASigner tokenSigner;
    private ECDSAVerifier tokenVerifier;
    private String token;
    private JWTClaimsSet claims;
    private byte[] certificateInput;
    private byte[] certificateSignature;
    private byte[] hmacKey;
    private byte[] apiKey;

    @Setup
    public void setUp() throws Exception {
        accp = AmazonCorrettoCryptoProvider.INSTANCE;
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        jdkPrivateKey = (ECPrivateKey) pair.getPrivate();
        KeyFactory nativeFactory = KeyFactory.getInstance("EC", accp);
        nativePrivateKey = (ECPrivateKey) nativeFactory.translateKey(pair.getPrivate());
        nativePublicKey = (ECPublicKey) nativeFactory.translateKey(pair.getPublic());
        tokenSigner = new ECDSASigner(nativePrivateKey);
        tokenSigner.getJCAContext().setProvider(accp);
        tokenVerifier = new ECDSAVerifier(nativePublicKey);
        tokenVerifier.getJCAContext().setProvider(accp);
        byte[] id = new byte[96];
        new SecureRandom().nextBytes(id);
        claims = new JWTClaimsSet.Builder()
                .issuer("diagnosis-verification-example")
                .audience("diagnosis-verification-example")
                .issueTime(new Date(1_795_000_000_000L))
                .expirationTime(new Date(1_795_086_400_000L))
                .jwtID(Base64.getEncoder().withoutPadding().encodeToString(id))
                .subject("confirmed.2026-11-20.")
                .build();
        token = tokenJwt();
        certificateInput = new byte[420];
        new SecureRandom().nextBytes(certificateInput);
        Signature signature = Signature.getInstance(ES256, accp);
        signature.initSign(nativePrivateKey);
        signature.update(certificateInput);
        certificateSignature = signature.sign();
        hmacKey = new byte[64];
        apiKey = new byte[64];
        new SecureRandom().nextBytes(hmacKey);
        new SecureRandom().nextBytes(apiKey);
    }

    private byte[] sign(Provider provider, ECPrivateKey key) throws Exception {
        Signature signature = Signature.getInstance(ES256, provider);
        signature.initSign(key);
        signature.update(certificateInput);
        return signature.sign();
    }

    /** What Enverify does now: the key translated once into the native provider's own object. */
    @Benchmark
    public byte[] es256SignNativeKey() throws Exception {
        return sign(accp, nativePrivateKey);
    }

    /** What Enverify did before: a JDK key, which the native provider converts on every signature. */
    @Benchmark
    public byte[] es256SignJdkKeyOnNativeProvider() throws Exception {
        return sign(accp, jdkPrivateKey);
    }

    /** The pure-Java fallback where the native library does not load. */
    @Benchmark
    public byte[] es256SignSunEc() throws Exception {
        return sign(java.security.Security.getProvider("SunEC"), jdkPrivateKey);
    }

    /** A key server's check of a certificate, and /api/certificate's check of a token. */
    @Benchmark
    public boolean es256VerifyNativeKey() throws Exception {
        Signature signature = Signature.getInstance(ES256, accp);
        signature.initVerify(nativePublicKey);
        signature.update(certificateInput);
        return signature.verify(certificateSignature);
    }

    private String tokenJwt() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID("v1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(tokenSigner);
        return jwt.serialize();
    }

    /** /api/verify's token: claims, header, JSON, base64url and ES256 through nimbus-jose-jwt. */
    @Benchmark
    public String tokenSign() throws Exception {
        return tokenJwt();
    }

    /** /api/certificate's first step: parse the token and check its signature. */
    @Benchmark
    public boolean tokenVerify() throws Exception {
        return SignedJWT.parse(token).verify(tokenVerifier);
    }

    /** The HMAC of a code or an API key, with a Mac made for each call as the server does. */
    @Benchmark
    public byte[] hmacSha512Native() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512", accp);
        mac.init(new SecretKeySpec(hmacKey, "HmacSHA512"));
        return mac.doFinal(apiKey);
    }

    @Benchmark
    public byte[] hmacSha512Jdk() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512", "SunJCE");
        mac.init(new SecretKeySpec(hmacKey, "HmacSHA512"));
        return mac.doFinal(apiKey);
    }

    /** Response padding as the server makes it: 1024 to 2047 bytes of ThreadLocalRandom, base64. */
    @Benchmark
    public String padding() {
        byte[] bytes = new byte[1024 + ThreadLocalRandom.current().nextInt(1024)];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The same from SecureRandom, the alternative the padding does not need. */
    @Benchmark
    public String paddingSecureRandom() {
        byte[] bytes = new byte[1024 + ThreadLocalRandom.current().nextInt(1024)];
        SECURE_RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static final SecureRandom SECURE_RANDOM = new SecureRandom();
}
