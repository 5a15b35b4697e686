package dev.tickcast.server.internal.auth;

import dev.tickcast.game.Identity;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Player identity: turns a matchmaking request's {@code Authorization: Bearer <jwt>} into a verified
 * {@link Identity}, or a {@link Reason} (docs/SECURITY.md "Player identity"). The checks, in order:
 * the token's form and length ({@link TokenParts}), its algorithm (one of the configured keys', never
 * {@code none}), its key (by {@code kid}), its signature (vertx-auth-jwt, {@link VerifyKey}), then
 * its claims ({@link ClaimChecks}). With identity off every request is a guest's and no header is read.
 * Thread-safe; never blocks: a verdict is at once, except when the JWKS must be fetched first.
 */
public final class PlayerAuth {
    private static final String IDENTITY = "tickcast.identity";

    private final Vertx vertx;
    private final AuthConfig config;
    private final List<VerifyKey> staticKeys;
    private final Jwks jwks;
    private final Set<String> algorithms = new LinkedHashSet<>();
    private final ClaimChecks checks;
    private final IdentityClaims identities;

    private PlayerAuth(Vertx vertx, AuthConfig config, List<VerifyKey> staticKeys) {
        this.vertx = vertx;
        this.config = config;
        this.staticKeys = List.copyOf(staticKeys);
        this.checks = new ClaimChecks(config.issuer(), config.audiences(), config.clockSkewS());
        this.identities = new IdentityClaims(config.nameClaim(), config.claims());
        staticKeys.forEach(k -> algorithms.add(k.alg()));
        if (config.jwksUrl() != null) {
            algorithms.add(VerifyKey.RS256);
            algorithms.add(VerifyKey.ES256);
            jwks = new Jwks(vertx, config.jwksUrl(), config.jwksRefreshS(), config.jwksTimeoutMs());
        } else {
            jwks = null;
        }
    }

    /**
     * The identity step of {@code config}: its PEM files read (without blocking) and its JWKS fetch
     * started (not awaited: the server starts even if it fails). Fails if a key file cannot be read
     * or is not an RSA or EC P-256 public key.
     */
    public static Future<PlayerAuth> create(Vertx vertx, AuthConfig config) {
        if (!config.on()) {
            return Future.succeededFuture(new PlayerAuth(vertx, config, List.of()));
        }
        List<Future<VerifyKey>> keys = new ArrayList<>();
        if (config.hs256Secret() != null) {
            keys.add(Future.succeededFuture(VerifyKey.hs256(vertx, config.hs256Secret())));
        }
        for (String file : config.publicKeyFiles()) {
            keys.add(vertx.fileSystem().readFile(file).compose(pem -> {
                try {
                    return Future.succeededFuture(VerifyKey.pem(vertx, pem.toString()));
                } catch (IllegalArgumentException e) {
                    return Future.failedFuture(e.getMessage());
                }
            }).recover(e -> Future.failedFuture(new IllegalArgumentException("--auth-public-key " + file + ": "
                    + e.getMessage()))));
        }
        return Future.all(keys).map(all -> new PlayerAuth(vertx, config, all.list()));
    }

    /** True if players need a verified token. */
    public boolean on() {
        return config.on();
    }

    /** The verdict on an {@code Authorization} header's value (null: none), on the caller's context. */
    public Future<Verdict> verify(String authorization) {
        Object parsed = TokenParts.parse(authorization);
        if (parsed instanceof Reason r) {
            return Future.succeededFuture(Verdict.refused(r));
        }
        TokenParts token = (TokenParts) parsed;
        if (!algorithms.contains(token.alg())) {
            return Future.succeededFuture(Verdict.refused(Reason.BAD_ALGORITHM));
        }
        if (token.unsigned()) {
            return Future.succeededFuture(Verdict.refused(Reason.MALFORMED_TOKEN));
        }
        List<VerifyKey> fitting = fitting(token);
        if (jwks == null || !fitting.isEmpty() && (token.kid() == null || jwksHas(token))) {
            return check(token, fitting, 0);
        }
        // a kid the JWKS does not have (yet): fetch it again first, even if a key without a kid fits too
        Context context = vertx.getOrCreateContext();
        Promise<Verdict> verdict = Promise.promise();
        jwks.refetch(System.nanoTime()).onComplete(fetched -> context.runOnContext(v -> {
            List<VerifyKey> now = fitting(token);
            if (now.isEmpty()) {
                verdict.complete(Verdict.refused(jwks.keys() == null ? Reason.KEYS_UNAVAILABLE : Reason.UNKNOWN_KEY));
            } else {
                check(token, now, 0).onComplete(verdict);
            }
        }));
        return verdict.future();
    }

    private boolean jwksHas(TokenParts token) {
        List<VerifyKey> fetched = jwks.keys();
        return fetched != null && fetched.stream().anyMatch(k -> token.kid().equals(k.kid()) && k.fits(token.alg(), null));
    }

    private List<VerifyKey> fitting(TokenParts token) {
        List<VerifyKey> out = new ArrayList<>();
        for (VerifyKey k : staticKeys) {
            if (k.fits(token.alg(), token.kid())) {
                out.add(k);
            }
        }
        List<VerifyKey> fetched = jwks == null ? null : jwks.keys();
        if (fetched != null) {
            for (VerifyKey k : fetched) {
                if (k.fits(token.alg(), token.kid())) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    /** The signature against {@code keys} from the {@code i}-th on, then the claims. */
    private Future<Verdict> check(TokenParts token, List<VerifyKey> keys, int i) {
        if (i >= keys.size()) {
            return Future.succeededFuture(Verdict.refused(i == 0 ? Reason.UNKNOWN_KEY : Reason.BAD_SIGNATURE));
        }
        return keys.get(i).verify(token.token()).compose(problem -> {
            if (problem != null) {
                return i + 1 < keys.size() ? check(token, keys, i + 1) : Future.succeededFuture(Verdict.refused(problem));
            }
            // the signature covers the very header and payload parts read before: the claims can now be trusted
            Reason claims = checks.problem(token.payload(), System.currentTimeMillis() / 1000);
            return Future.succeededFuture(claims != null ? Verdict.refused(claims)
                    : Verdict.ok(identities.identity(token.payload())));
        });
    }

    /** Stops the JWKS refresh. */
    public void close() {
        if (jwks != null) {
            jwks.close();
        }
    }

    /** Stores the verified identity of the request (the auth step does, before the body is read). */
    public static void attach(RoutingContext ctx, Identity identity) {
        ctx.put(IDENTITY, identity);
    }

    /** The request's verified identity, or a guest named {@code typedName} when identity is off. */
    public static Identity identityOf(RoutingContext ctx, String typedName) {
        Identity verified = ctx.get(IDENTITY);
        return verified != null ? verified : Identity.guest(typedName);
    }
}
