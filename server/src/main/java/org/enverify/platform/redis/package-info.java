/** The shared Redis, when one is configured: connections that never make a request wait for it. */
@org.springframework.modulith.NamedInterface("redis")
package org.enverify.platform.redis;
