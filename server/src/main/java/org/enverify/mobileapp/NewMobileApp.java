package org.enverify.mobileapp;

import java.util.List;

/**
 * A phone app as an operator typed it; {@link MobileApps#add} judges and normalises every field.
 *
 * @param os {@code ios} or {@code android}
 * @param url the store link, or null or empty for none
 * @param sha256Fingerprints Android only: at least one, each 32 colon-separated hex pairs
 */
public record NewMobileApp(
        String name, String os, String appId, String url, List<String> sha256Fingerprints, boolean disableRedirect) {}
