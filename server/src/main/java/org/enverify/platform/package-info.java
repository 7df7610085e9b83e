/** Cross-cutting infrastructure every feature uses: roles, settings, database, crypto, API errors, CLI. */
package org.enverify.platform;
