package org.enverify.platform.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fastest JCA provider this machine can load: Amazon Corretto Crypto Provider (native AWS-LC)
 * where its library loads, otherwise the JDK's own providers.
 */
public final class CryptoProvider {

    /**
     * {@code false} keeps a process on the JDK's providers: a CLI command does a few operations, and loading and
     * self-testing the native library takes about 300 ms, a fifth of a command's time.
     */
    public static final String NATIVE_PROPERTY = "enverify.crypto.native";

    private static final Logger log = LoggerFactory.getLogger(CryptoProvider.class);
    private static final Provider NATIVE = loadNative();
    private static final SecureRandom RANDOM = newSecureRandom();

    private CryptoProvider() {}

    private static Provider loadNative() {
        if (!Boolean.parseBoolean(System.getProperty(NATIVE_PROPERTY, "true"))) {
            return null;
        }
        try {
            AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
            if (provider.getLoadingError() == null) {
                provider.assertHealthy();
                return provider;
            }
            log.warn(
                    "Amazon Corretto Crypto Provider did not load ({}); using the JDK's providers",
                    provider.getLoadingError().toString());
        } catch (Throwable e) { // a missing native library surfaces as an Error
            log.warn("Amazon Corretto Crypto Provider is unavailable ({}); using the JDK's providers", e.toString());
        }
        return null;
    }

    private static SecureRandom newSecureRandom() {
        if (NATIVE != null) {
            try {
                return SecureRandom.getInstance("DEFAULT", NATIVE);
            } catch (GeneralSecurityException e) {
                log.debug("No native DRBG; using the JDK's SecureRandom");
            }
        }
        return new SecureRandom();
    }

    /** The native provider, or null to let the JDK choose. */
    public static Provider nativeOrNull() {
        return NATIVE;
    }

    public static String name() {
        return NATIVE == null ? "JDK" : NATIVE.getName();
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static SecureRandom random() {
        return RANDOM;
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    public static byte[] hmacSha512(byte[] key, byte[] data) {
        return mac("HmacSHA512", key, data);
    }

    public static byte[] hmacSha256(byte[] key, byte[] data) {
        return mac("HmacSHA256", key, data);
    }

    private static byte[] mac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = NATIVE != null ? Mac.getInstance(algorithm, NATIVE) : Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is unavailable", e);
        }
    }
}
