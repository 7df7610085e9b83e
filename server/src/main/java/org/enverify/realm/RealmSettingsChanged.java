package org.enverify.realm;

/** Published inside the transaction that changed a realm's settings. */
public record RealmSettingsChanged(Realm before, Realm after) {}
