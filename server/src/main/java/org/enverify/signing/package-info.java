/** Keys: HMAC keys, the token signing key, certificate signing keys (system and per realm), JWKS. */
package org.enverify.signing;
