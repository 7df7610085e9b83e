/** The device protocol: a code becomes a token, a token and a TEK HMAC become a certificate. */
package org.enverify.verify;
