package org.enverify.realm;

import org.enverify.platform.Actor;

/** Published inside the transaction that created a realm, with its settings as first stored. */
public record RealmCreated(Realm realm, Actor actor) {}
