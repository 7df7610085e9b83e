package org.enverify.platform.net;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which peers may speak for a client.
 *
 * @param trustedProxies address ranges of the proxies in front of Enverify ({@code ENVERIFY_TRUSTED_PROXIES},
 *     comma-separated); only a peer in one of them may name the client in {@code X-Forwarded-For}
 */
@ConfigurationProperties("enverify")
public record NetworkSettings(@DefaultValue("") List<String> trustedProxies) {}
