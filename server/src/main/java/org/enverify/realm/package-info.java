/** Realms (tenants): their settings, validated in one place for the CLI, the UI and the APIs. */
package org.enverify.realm;
