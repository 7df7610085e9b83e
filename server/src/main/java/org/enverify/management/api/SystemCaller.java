package org.enverify.management.api;

import org.enverify.platform.Actor;

/** A token of the operator's identity provider with the scope {@code enverify:system}, for the installation's resources. */
public record SystemCaller(Actor actor) {}
