package org.enverify.account;

import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Passkeys of the web UI's accounts, stored by Spring Security's JDBC repositories and checked by its
 * webauthn4j operations. A user entity's name is our user id (Spring Security finds it by the signed-in
 * principal's name); the authenticator is shown the email and name instead.
 */
@Component
public class Passkeys implements WebAuthnRelyingPartyOperations {

    static final int MAXIMUM_LABEL_LENGTH = 64;

    private final Users users;
    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private final SingletonSupplier<WebAuthnRelyingPartyOperations> relyingParty;

    Passkeys(
            Users users,
            JdbcOperations jdbc,
            PasskeySettings settings,
            AccountSettings accounts,
            Environment environment) {
        this.users = users;
        this.userEntities = new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
        this.credentials = new JdbcUserCredentialRepository(jdbc);
        // built at first use: without configured origins, the allowed one names the port the server got
        this.relyingParty = SingletonSupplier.of(() -> new Webauthn4JRelyingPartyOperations(
                userEntities,
                credentials,
                PublicKeyCredentialRpEntity.builder()
                        .id(rpId(settings, accounts))
                        .name(SecondFactors.ISSUER)
                        .build(),
                origins(settings, accounts, environment)));
    }

    @Override
    public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
            PublicKeyCredentialCreationOptionsRequest request) {
        if (!(request.getAuthentication().getPrincipal() instanceof SignedInUser principal)) {
            throw new IllegalArgumentException("only a signed-in user registers a passkey");
        }
        User user = users.find(principal.userId()).orElseThrow(() -> new UserNotFoundException(principal.userId()));
        PublicKeyCredentialUserEntity entity = userEntity(user);
        PublicKeyCredentialCreationOptions options =
                relyingParty.obtain().createPublicKeyCredentialCreationOptions(request);
        return PublicKeyCredentialCreationOptions.builder()
                .rp(options.getRp())
                .user(ImmutablePublicKeyCredentialUserEntity.builder()
                        .id(entity.getId())
                        .name(user.email())
                        .displayName(user.name())
                        .build())
                .challenge(options.getChallenge())
                .pubKeyCredParams(options.getPubKeyCredParams())
                .timeout(options.getTimeout())
                .excludeCredentials(options.getExcludeCredentials())
                .authenticatorSelection(options.getAuthenticatorSelection())
                .attestation(options.getAttestation())
                .extensions(options.getExtensions())
                .build();
    }

    /** Registers the passkey; refuses a label that is empty, too long or has control characters. */
    @Override
    public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
        String label = request.getPublicKey().getLabel();
        if (label == null
                || label.isBlank()
                || label.length() > MAXIMUM_LABEL_LENGTH
                || label.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a passkey label has 1 to " + MAXIMUM_LABEL_LENGTH + " characters");
        }
        return relyingParty.obtain().registerCredential(request);
    }

    @Override
    public PublicKeyCredentialRequestOptions createCredentialRequestOptions(
            PublicKeyCredentialRequestOptionsRequest request) {
        return relyingParty.obtain().createCredentialRequestOptions(request);
    }

    @Override
    public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
        return relyingParty.obtain().authenticate(request);
    }

    /** Where Spring Security's registration filter keeps passkeys. */
    public UserCredentialRepository credentialRepository() {
        return credentials;
    }

    /** The user a passkey's entity belongs to. */
    Optional<User> owner(PublicKeyCredentialUserEntity entity) {
        try {
            return users.find(Long.parseLong(entity.getName()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public List<Passkey> of(long userId) {
        PublicKeyCredentialUserEntity entity = userEntities.findByUsername(Long.toString(userId));
        if (entity == null) {
            return List.of();
        }
        return credentials.findByUserId(entity.getId()).stream()
                .map(record -> new Passkey(
                        record.getCredentialId().toBase64UrlString(),
                        record.getLabel(),
                        record.getCreated(),
                        record.getLastUsed()))
                .sorted(Comparator.comparing(Passkey::created))
                .toList();
    }

    /** Deletes the user's passkey with this id; false when the user has none such. */
    public boolean delete(long userId, String credentialId) {
        PublicKeyCredentialUserEntity entity = userEntities.findByUsername(Long.toString(userId));
        if (entity == null || credentialId == null || credentialId.length() > 1000) {
            return false;
        }
        Bytes id;
        try {
            id = Bytes.fromBase64(credentialId);
        } catch (IllegalArgumentException e) {
            return false;
        }
        CredentialRecord record = credentials.findByCredentialId(id);
        if (record == null || !record.getUserEntityUserId().equals(entity.getId())) {
            return false;
        }
        credentials.delete(id);
        return true;
    }

    private PublicKeyCredentialUserEntity userEntity(User user) {
        String name = Long.toString(user.id());
        PublicKeyCredentialUserEntity found = userEntities.findByUsername(name);
        if (found != null) {
            return found;
        }
        PublicKeyCredentialUserEntity created = ImmutablePublicKeyCredentialUserEntity.builder()
                .id(Bytes.random())
                .name(name)
                .displayName(user.email())
                .build();
        userEntities.save(created);
        return created;
    }

    private static String rpId(PasskeySettings settings, AccountSettings accounts) {
        if (settings.rpId() != null && !settings.rpId().isBlank()) {
            return settings.rpId().strip();
        }
        return publicUrl(accounts).map(URI::getHost).orElse("localhost");
    }

    private static Set<String> origins(PasskeySettings settings, AccountSettings accounts, Environment environment) {
        Set<String> origins = new LinkedHashSet<>();
        settings.allowedOrigins().stream()
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .forEach(origins::add);
        if (origins.isEmpty()) {
            origins.add(publicUrl(accounts)
                    .map(url -> url.getScheme() + "://" + url.getRawAuthority())
                    .orElseGet(() -> "http://localhost:" + environment.getProperty("local.server.port", "8080")));
        }
        return origins;
    }

    private static Optional<URI> publicUrl(AccountSettings accounts) {
        return Optional.ofNullable(accounts.publicUrl())
                .filter(url -> !url.isBlank())
                .map(url -> URI.create(url.strip()));
    }
}
