/**
 * Token-bucket rate limits per API surface, keyed by realm and client address (or the address
 * alone), kept in Redis when replicas share one.
 */
@org.springframework.modulith.NamedInterface("ratelimit")
package org.enverify.abuse.ratelimit;
