package org.enverify.stats.keyserver;

import org.enverify.realm.RealmId;

/** A realm whose publish statistics are pulled; a null override means the system default. */
public record KeyServerStatsConfig(RealmId realm, String urlOverride, String audienceOverride) {}
