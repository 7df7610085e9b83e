/** Envelope encryption of secrets at rest, the ES256 provider, HMACs and random bytes. */
@org.springframework.modulith.NamedInterface("crypto")
package org.enverify.platform.crypto;
