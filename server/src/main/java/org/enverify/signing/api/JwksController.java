package org.enverify.signing.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.enverify.realm.RequestHost;
import org.enverify.signing.CertificateKeys;
import org.enverify.signing.PublicJwk;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public certificate keys for key servers: a bare JSON array (what key servers import), or an RFC
 * 7517 document with {@code ?format=jwks}. On a realm's host only that realm's keys and the system
 * keys are found.
 */
@RestController
class JwksController {

    private static final CacheControl FIVE_MINUTES =
            CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final Realms realms;
    private final CertificateKeys keys;

    JwksController(Realms realms, CertificateKeys keys) {
        this.realms = realms;
        this.keys = keys;
    }

    @GetMapping("/jwks/{realm}")
    ResponseEntity<?> jwks(
            @PathVariable("realm") String realm,
            @RequestParam(name = "format", required = false) String format,
            HttpServletRequest request) {
        Optional<List<PublicJwk>> published =
                realm.equals("system") ? Optional.of(keys.systemJwks()) : realmKeys(realm, RequestHost.of(request));
        if (published.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Object body = "jwks".equals(format) ? Map.of("keys", published.get()) : published.get();
        return ResponseEntity.ok().cacheControl(FIVE_MINUTES).body(body);
    }

    private Optional<List<PublicJwk>> realmKeys(String realm, RequestHost host) {
        if (!realm.matches("[1-9][0-9]{0,17}")) {
            return Optional.empty();
        }
        RealmId id = new RealmId(Long.parseLong(realm));
        if (!host.admits(id)) {
            return Optional.empty();
        }
        return realms.find(id).map(found -> keys.realmJwks(found.id()));
    }
}
