package dev.tickcast.server.internal.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * One key that verifies token signatures, with its algorithm and key id: vertx-auth-jwt's
 * {@link JWTAuth} over that single key. The provider checks the signature only (expiry ignored, no
 * issuer or audience): {@link ClaimChecks} checks the claims afterwards, so that each refusal has
 * its own {@link Reason}. Thread-safe (vertx-auth-jwt locks each key while it verifies).
 *
 * @param kid the key id, or null (a PEM key or the HS256 secret: it fits any kid)
 * @param alg the one algorithm this key verifies (HS256, RS256 or ES256)
 * @param jwt the provider
 */
record VerifyKey(String kid, String alg, JWTAuth jwt) {
    static final String HS256 = "HS256";
    static final String RS256 = "RS256";
    static final String ES256 = "ES256";

    /** The HS256 key of a shared secret. */
    static VerifyKey hs256(Vertx vertx, String secret) {
        return of(vertx, null, HS256, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm(HS256).setBuffer(secret)));
    }

    /** The key of a PEM public key (RS256 for RSA, ES256 for EC P-256); IllegalArgumentException if neither. */
    static VerifyKey pem(Vertx vertx, String pem) {
        String alg = PemKeys.algorithmOf(pem);
        return of(vertx, null, alg, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm(alg).setBuffer(pem)));
    }

    /** The key of a JWK whose algorithm is already checked (RS256 or ES256). */
    static VerifyKey jwk(Vertx vertx, String kid, String alg, JsonObject jwk) {
        return of(vertx, kid, alg, new JWTAuthOptions().addJwk(jwk.copy().put("alg", alg).put("use", "sig")));
    }

    private static VerifyKey of(Vertx vertx, String kid, String alg, JWTAuthOptions options) {
        options.setJWTOptions(new JWTOptions().setIgnoreExpiration(true));
        return new VerifyKey(kid, alg, JWTAuth.create(vertx, options));
    }

    /** True if this key may verify a token of {@code tokenAlg} and {@code tokenKid}. */
    boolean fits(String tokenAlg, String tokenKid) {
        return alg.equals(tokenAlg) && (kid == null || tokenKid == null || kid.equals(tokenKid));
    }

    /** Null if the signature verifies, else {@link Reason#BAD_SIGNATURE} (or unknown_key). Completes at once. */
    Future<Reason> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token)).transform(done -> Future.succeededFuture(
                done.succeeded() ? null : done.cause() instanceof NoSuchKeyIdException ? Reason.UNKNOWN_KEY
                        : Reason.BAD_SIGNATURE));
    }
}
