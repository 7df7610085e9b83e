package org.enverify.mobileapp.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.enverify.management.api.Envelope;
import org.enverify.management.api.Idempotency;
import org.enverify.management.api.Paging;
import org.enverify.management.api.RealmCaller;
import org.enverify.management.api.RequireScope;
import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileApps;
import org.enverify.mobileapp.NewMobileApp;
import org.enverify.platform.ListQuery;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.platform.api.JsonRequestReader;
import org.enverify.platform.api.ManagementApi;
import org.enverify.realm.Permission;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A realm's phone apps through the same service and rules as its mobile apps page and the {@code mobileapp}
 * command: every field judged at once, names unique in the realm, apps that app sync added left to the feed.
 * An app of another realm is not found.
 */
@RestController
@ManagementApi
class MobileAppsApiController {

    private final MobileApps mobileApps;
    private final JsonRequestReader reader;
    private final Idempotency idempotency;

    MobileAppsApiController(MobileApps mobileApps, JsonRequestReader reader, Idempotency idempotency) {
        this.mobileApps = mobileApps;
        this.reader = reader;
        this.idempotency = idempotency;
    }

    /**
     * An app as the API shows it.
     *
     * @param sha256 the Android signing certificates' SHA-256 fingerprints; empty for iOS
     * @param headless an Android EN Express app without a store listing (app sync sets it)
     * @param synced app sync added it from the published feed, which it follows
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MobileAppView(
            String id,
            String name,
            String os,
            String appId,
            String url,
            List<String> sha256,
            boolean disableRedirect,
            boolean headless,
            boolean synced,
            boolean enabled,
            Instant createdAt,
            Instant disabledAt) {

        static MobileAppView of(MobileApp app) {
            return new MobileAppView(
                    Long.toString(app.id()),
                    app.name(),
                    app.os().displayName(),
                    app.appId(),
                    app.url(),
                    app.sha256Fingerprints(),
                    app.disableRedirect(),
                    app.headless(),
                    app.synced(),
                    app.enabled(),
                    app.createdAt(),
                    app.disabledAt());
        }
    }

    /**
     * An app's fields as a request gives them; a field left out is, for a new app, empty (and
     * {@code disable_redirect} false), and for a change, as the app has it. An empty {@code url} is none.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AppFields(String name, String os, String appId, String url, List<String> sha256, Boolean disableRedirect) {

        NewMobileApp asNew() {
            return new NewMobileApp(name, os, appId, url, sha256, Boolean.TRUE.equals(disableRedirect));
        }

        NewMobileApp applyTo(MobileApp app) {
            return new NewMobileApp(
                    Objects.requireNonNullElse(name, app.name()),
                    Objects.requireNonNullElse(os, app.os().displayName()),
                    Objects.requireNonNullElse(appId, app.appId()),
                    url == null ? app.url() : url,
                    Objects.requireNonNullElse(sha256, app.sha256Fingerprints()),
                    Objects.requireNonNullElse(disableRedirect, app.disableRedirect()));
        }
    }

    @GetMapping("/api/v1/realms/{realmId}/mobile-apps")
    Envelope<List<MobileAppView>> list(
            @RequireScope(Permission.MOBILE_APP_READ) RealmCaller caller,
            @Paging(sorts = {"created_at", "name"}) ListQuery query) {
        return Envelope.page(mobileApps.list(caller.realm(), query), query, MobileAppView::of);
    }

    @GetMapping("/api/v1/realms/{realmId}/mobile-apps/{appId}")
    Envelope<MobileAppView> show(
            @RequireScope(Permission.MOBILE_APP_READ) RealmCaller caller, @PathVariable long appId) {
        return Envelope.of(MobileAppView.of(app(caller, appId)));
    }

    @PostMapping("/api/v1/realms/{realmId}/mobile-apps")
    ResponseEntity<?> create(
            @RequireScope(Permission.MOBILE_APP_WRITE) RealmCaller caller, HttpServletRequest request) {
        AppFields wanted = reader.read(request, AppFields.class, ErrorCode.UNPARSABLE_REQUEST);
        return idempotency.create(Optional.of(caller.realm()), caller.actor(), request, wanted, () -> {
            MobileApp added = mobileApps.add(caller.realm(), wanted.asNew(), caller.actor());
            return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.of(MobileAppView.of(added)));
        });
    }

    /** Changes the fields the body names; the app is then judged whole, as a new one is. */
    @PatchMapping("/api/v1/realms/{realmId}/mobile-apps/{appId}")
    Envelope<MobileAppView> update(
            @RequireScope(Permission.MOBILE_APP_WRITE) RealmCaller caller,
            @PathVariable long appId,
            HttpServletRequest request) {
        AppFields change = reader.read(request, AppFields.class, ErrorCode.UNPARSABLE_REQUEST);
        MobileApp app = app(caller, appId);
        return Envelope.of(
                MobileAppView.of(mobileApps.update(caller.realm(), appId, change.applyTo(app), caller.actor())));
    }

    /** The app leaves the association files and redirects (other processes within the cache's lifetime). */
    @PostMapping("/api/v1/realms/{realmId}/mobile-apps/{appId}/disable")
    Envelope<MobileAppView> disable(
            @RequireScope(Permission.MOBILE_APP_WRITE) RealmCaller caller, @PathVariable long appId) {
        app(caller, appId);
        return Envelope.of(MobileAppView.of(mobileApps.disable(caller.realm(), appId, caller.actor())));
    }

    private MobileApp app(RealmCaller caller, long appId) {
        return mobileApps
                .find(caller.realm(), appId)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "not found"));
    }
}
