package org.enverify.mobileapp;

import java.util.List;

/**
 * An Android app as the published app feed lists it for a region; {@link MobileApps#sync} judges it like an app an
 * operator types.
 *
 * @param name the app's name in the feed, or empty for none
 * @param sha256Fingerprints its signing certificates' fingerprints, which identify it
 */
public record ListedApp(String name, String packageName, List<String> sha256Fingerprints, boolean headless) {}
