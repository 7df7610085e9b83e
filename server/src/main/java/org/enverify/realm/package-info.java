/**
 * Realms (tenants): their identity and hosting, and the catalog through which every feature declares its
 * realm settings ({@link org.enverify.realm.RealmSettingsGroup}), judged in one place for the CLI, the UI and
 * the APIs.
 */
package org.enverify.realm;
