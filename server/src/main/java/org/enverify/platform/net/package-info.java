/** Addresses (CIDR ranges, the client address behind trusted proxies) and bounded calls to third parties. */
@org.springframework.modulith.NamedInterface("net")
package org.enverify.platform.net;
