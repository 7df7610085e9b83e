package org.enverify.redirect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileOs;

/**
 * The files that let phones open a realm's app-link hosts in its apps: Apple's
 * {@code apple-app-site-association} and Android's Digital Asset Links statement list. Every enabled
 * app of the platform is listed, whether or not it takes store redirects.
 */
final class AssociationFiles {

    private AssociationFiles() {}

    record AppleAppSiteAssociation(AppLinks applinks) {}

    /** {@code apps} is always empty: Apple requires it and it has no meaning since iOS 13. */
    record AppLinks(List<String> apps, List<Detail> details) {}

    record Detail(String appID, List<String> paths) {}

    record Statement(List<String> relation, Target target) {}

    record Target(
            String namespace,
            @JsonProperty("package_name") String packageName,
            @JsonProperty("sha256_cert_fingerprints") List<String> sha256CertFingerprints) {}

    /** Null when the realm has no enabled iOS app. */
    static AppleAppSiteAssociation apple(List<MobileApp> apps) {
        List<Detail> details = apps.stream()
                .filter(app -> app.os() == MobileOs.IOS)
                .map(app -> new Detail(app.appId(), List.of("*")))
                .toList();
        return details.isEmpty() ? null : new AppleAppSiteAssociation(new AppLinks(List.of(), details));
    }

    /** Empty when the realm has no enabled Android app. */
    static List<Statement> android(List<MobileApp> apps) {
        return apps.stream()
                .filter(app -> app.os() == MobileOs.ANDROID)
                .map(app -> new Statement(
                        List.of("delegate_permission/common.handle_all_urls"),
                        new Target("android_app", app.appId(), app.sha256Fingerprints())))
                .toList();
    }
}
