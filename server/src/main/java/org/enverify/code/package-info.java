/** Verification codes: issuing, batch issuing, status, expiry, and the single-use claim. */
package org.enverify.code;
