/** Addresses: CIDR ranges and the client address behind trusted proxies. */
@org.springframework.modulith.NamedInterface("net")
package org.enverify.platform.net;
