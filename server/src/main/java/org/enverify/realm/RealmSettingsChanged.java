package org.enverify.realm;

import org.enverify.platform.Actor;

/** Published inside the transaction that changed a realm's settings; {@code actor} made the change. */
public record RealmSettingsChanged(Realm before, Realm after, Actor actor) {}
