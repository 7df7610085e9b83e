package org.enverify.realm;

import java.util.Map;
import org.enverify.platform.Actor;

/**
 * Published inside the transaction that changed a realm's agency branding or translations. The maps
 * hold the branding fields and one {@code translation.<message id>.<locale>} entry per translation.
 */
public record RealmBrandingChanged(RealmId realm, Map<String, String> before, Map<String, String> after, Actor actor) {}
