package org.enverify.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link EnverifyIntegrationTest} with host names interpreted: realm hosts under {@link #SUFFIX}, the
 * redirect domain {@link #REDIRECT_DOMAIN} (under the suffix, as it may be), the extra app-link host
 * {@link #LINK_HOST} for region {@link #LINK_REGION}, and {@code X-Forwarded-*} believed. Classes
 * with it share one application context, apart from the plain one. Every request needs a Host
 * ({@link ApiClient#onHost}): here {@code localhost} is an unknown host.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EnverifyIntegrationTest
@TestPropertySource(
        properties = {
            "enverify.tenancy.host-suffix=" + HostNamesIntegrationTest.SUFFIX,
            "enverify.redirect-domain=" + HostNamesIntegrationTest.REDIRECT_DOMAIN,
            "enverify.redirect-hosts=" + HostNamesIntegrationTest.LINK_HOST + ":"
                    + HostNamesIntegrationTest.LINK_REGION,
            "enverify.trusted-proxies=127.0.0.1/32,::1/128"
        })
public @interface HostNamesIntegrationTest {

    String SUFFIX = "example.org";
    String REDIRECT_DOMAIN = "en.example.org";
    String LINK_HOST = "links.example.net";
    String LINK_REGION = "LNK-1";
}
