package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.auth.PlayerAuth;
import dev.tickcast.server.internal.auth.Reason;
import dev.tickcast.server.internal.metrics.ServerMetrics;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

/**
 * The identity step of matchmaking, after the rate limit and before the body: with identity on, the
 * request's bearer token must verify ({@link PlayerAuth}); the identity is stored in the request for
 * {@link PlayerAuth#identityOf}. A refusal answers its status (401, or 503 while a JWKS has never
 * loaded) with {@code {"error", "reason"}} and RFC 6750's {@code WWW-Authenticate}, and is logged once
 * per address and reason per period. With identity off, the step passes every request unread.
 */
final class MatchmakeAuth implements Handler<RoutingContext> {
    private final PlayerAuth auth;
    private final MatchmakeGuard guard;
    private final ServerMetrics metrics;
    private final Function<RoutingContext, String> address;

    MatchmakeAuth(PlayerAuth auth, MatchmakeGuard guard, ServerMetrics metrics,
                  Function<RoutingContext, String> address) {
        this.auth = auth;
        this.guard = guard;
        this.metrics = metrics;
        this.address = address;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!auth.on()) {
            ctx.next();
            return;
        }
        // the body must wait for the body handler after us: a verdict may take a JWKS fetch
        ctx.request().pause();
        auth.verify(ctx.request().getHeader("Authorization")).onComplete(done -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (done.succeeded() && done.result().ok()) {
                PlayerAuth.attach(ctx, done.result().identity());
                ctx.next();
                ctx.request().resume();
            } else {
                ctx.request().resume();
                refuse(ctx, done.succeeded() ? done.result().reason() : Reason.KEYS_UNAVAILABLE);
            }
        });
    }

    private void refuse(RoutingContext ctx, Reason reason) {
        metrics.matchmaking("unauthorized");
        guard.refused(address.apply(ctx), "matchmaking refused: " + reason.code() + " (" + reason.status() + ")");
        String challenge = reason == Reason.MISSING_TOKEN ? "Bearer"
                : "Bearer error=\"invalid_token\", error_description=\"" + reason.code() + "\"";
        ctx.response().setStatusCode(reason.status()).putHeader("content-type", "application/json")
                .putHeader("WWW-Authenticate", challenge);
        if (reason == Reason.KEYS_UNAVAILABLE) {
            ctx.response().putHeader("Retry-After", "10");
        }
        ctx.response().end(new JsonObject().put("error", reason.message()).put("reason", reason.code()).encode());
    }
}
