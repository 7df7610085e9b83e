package org.enverify.management;

/**
 * Whom the realm's management API trusts: the identity provider whose bearer tokens act in the realm.
 *
 * @param issuer the tokens' {@code iss}, exactly
 * @param jwksUri where the provider publishes its keys; empty: the {@code jwks_uri} of the issuer's OpenID
 *     discovery document
 * @param audience a value the tokens' {@code aud} must contain
 */
public record OAuthRealmSettings(boolean enabled, String issuer, String jwksUri, String audience) {}
