package org.enverify.e2e;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The end-to-end self-test. The default and revise flows run when the first four are set; the SMS and user-report
 * flows also need {@code phone}; the redirect flow needs only {@code redirectUrl}.
 *
 * @param adminUrl base URL of the admin API ({@code ENVERIFY_E2E_ADMIN_URL})
 * @param deviceUrl base URL of the device API ({@code ENVERIFY_E2E_DEVICE_URL})
 * @param adminKey an ADMIN key of the realm the test issues in ({@code ENVERIFY_E2E_ADMIN_KEY})
 * @param deviceKey a DEVICE key of the same realm ({@code ENVERIFY_E2E_DEVICE_KEY})
 * @param keyServer base URL of a key server to publish the test keys to ({@code ENVERIFY_E2E_KEY_SERVER}); empty
 *     stops after the certificate
 * @param healthAuthorityId the {@code healthAuthorityID} the key server knows the realm by
 *     ({@code ENVERIFY_E2E_HEALTH_AUTHORITY_ID}); required with a key server
 * @param phone the number the SMS and user-report flows send their codes to ({@code ENVERIFY_E2E_PHONE})
 * @param redirectUrl an app-link host of the redirect role, such as {@code https://us-wa.en.example.org}, that the
 *     redirect flow checks ({@code ENVERIFY_E2E_REDIRECT_URL})
 * @param timeout longest wait for each call ({@code ENVERIFY_E2E_TIMEOUT})
 * @param runsMaxAge how long recorded runs are kept ({@code ENVERIFY_E2E_RUNS_MAX_AGE})
 */
@ConfigurationProperties("enverify.e2e")
public record E2eSettings(
        @DefaultValue("") String adminUrl,
        @DefaultValue("") String deviceUrl,
        @DefaultValue("") String adminKey,
        @DefaultValue("") String deviceKey,
        @DefaultValue("") String keyServer,
        @DefaultValue("") String healthAuthorityId,
        @DefaultValue("") String phone,
        @DefaultValue("") String redirectUrl,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("30d") Duration runsMaxAge) {}
