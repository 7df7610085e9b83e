package org.enverify.mobileapp;

import java.time.Instant;
import java.util.List;
import org.enverify.realm.RealmId;

/**
 * A realm's phone app.
 *
 * @param appId the iOS app id ({@code TEAMID.bundle.id}) or the Android package name
 * @param url the store link, {@code https} only; null when the app has none
 * @param sha256Fingerprints the Android signing certificates' SHA-256 fingerprints, upper case; empty for iOS
 * @param disableRedirect the redirect role does not send people to this app's store link
 * @param headless an Android EN Express app without a store listing (set by app sync)
 * @param synced added by app sync from the published feed: realm administrators cannot change it
 */
public record MobileApp(
        RealmId realm,
        long id,
        String name,
        MobileOs os,
        String appId,
        String url,
        List<String> sha256Fingerprints,
        boolean disableRedirect,
        boolean headless,
        boolean synced,
        Instant createdAt,
        Instant disabledAt) {

    public boolean enabled() {
        return disabledAt == null;
    }
}
