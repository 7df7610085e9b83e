package org.enverify.signing;

import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.crypto.CryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, on the first start of an installation, the keys every process needs, before any request
 * is served; later starts only load them. Servers only: a CLI command makes what it uses when it uses it.
 */
@Component
@ConditionalOnRole
class SigningKeysAtStartup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SigningKeysAtStartup.class);

    private final HmacKeyring hmacKeyring;
    private final TokenSigningKeyStore tokenKeys;
    private final CertificateKeyStore certificateKeys;
    private final CertificateSettings settings;
    private final TransactionTemplate transactions;

    SigningKeysAtStartup(
            HmacKeyring hmacKeyring,
            TokenSigningKeyStore tokenKeys,
            CertificateKeyStore certificateKeys,
            CertificateSettings settings,
            TransactionTemplate transactions) {
        this.hmacKeyring = hmacKeyring;
        this.tokenKeys = tokenKeys;
        this.certificateKeys = certificateKeys;
        this.settings = settings;
        this.transactions = transactions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (HmacPurpose purpose : HmacPurpose.values()) {
            hmacKeyring.mac(purpose, new byte[0]);
        }
        tokenKeys.activeSigner();
        transactions.executeWithoutResult(status -> certificateKeys.ensureActiveSystemKey(settings.keyId()));
        log.info("Signing keys ready; ES256 runs on {}", CryptoProvider.name());
    }
}
