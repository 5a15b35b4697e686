package dev.tickcast.server.internal.auth;

import java.util.List;

/**
 * The identity settings (AuthSettings of the API package), as the auth part uses them. Identity is
 * on when a key source is set: {@code hs256Secret}, {@code publicKeyFiles} or {@code jwksUrl}.
 *
 * @param issuer         the accepted {@code iss}
 * @param audiences      the accepted {@code aud} values (a token names one of them)
 * @param hs256Secret    the HS256 secret, or null
 * @param publicKeyFiles PEM public key files (RSA: RS256, EC P-256: ES256)
 * @param jwksUrl        the JWKS URL, or null
 * @param jwksRefreshS   the period of the JWKS refresh
 * @param jwksTimeoutMs  the bound on one JWKS fetch, connection included
 * @param nameClaim      the claim of the name others see
 * @param claims         the claims passed to games
 * @param clockSkewS     the clock difference allowed on exp, nbf and iat
 */
public record AuthConfig(String issuer, List<String> audiences, String hs256Secret, List<String> publicKeyFiles,
                         String jwksUrl, int jwksRefreshS, int jwksTimeoutMs, String nameClaim, List<String> claims,
                         int clockSkewS) {
    /** Immutable copies of the lists. */
    public AuthConfig {
        audiences = List.copyOf(audiences);
        publicKeyFiles = List.copyOf(publicKeyFiles);
        claims = List.copyOf(claims);
    }

    /** Guest play: no key source. */
    public static AuthConfig off() {
        return new AuthConfig(null, List.of(), null, List.of(), null, 600, 5_000, "name", List.of(), 30);
    }

    /** True if a key source is set: matchmaking then needs a verified token. */
    public boolean on() {
        return hs256Secret != null || !publicKeyFiles.isEmpty() || jwksUrl != null;
    }
}
