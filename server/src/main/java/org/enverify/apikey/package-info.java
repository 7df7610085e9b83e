/** API keys: creation (shown once), HMAC storage, and authentication of API callers. */
package org.enverify.apikey;
