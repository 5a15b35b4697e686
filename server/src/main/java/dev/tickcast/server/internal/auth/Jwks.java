package dev.tickcast.server.internal.auth;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A JSON Web Key Set fetched over HTTP(S) without blocking: at start, every refresh period, and on
 * demand (a token with a kid no key has, or no keys yet) at most once per {@link #DEMAND_INTERVAL_NS}.
 * One fetch at a time; each is bounded by the timeout (connection included) and the body by
 * {@link JwksParser#MAX_BODY_BYTES}. A failed fetch keeps the keys of the last good one. Thread-safe.
 */
final class Jwks {
    /** The shortest time between two fetches asked for by tokens (an unknown kid cannot make the server poll). */
    static final long DEMAND_INTERVAL_NS = 10_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(Jwks.class);

    private final Vertx vertx;
    private final String url;
    private final int timeoutMs;
    private final HttpClient client;
    private final long refreshTimer;
    /** The keys of the last good fetch; null until one succeeded. */
    private volatile List<VerifyKey> keys;
    private Future<Void> inFlight;
    private long lastDemandNs;
    private boolean demanded;
    /** True from a failed fetch to the next good one: a JWKS that stays down logs one WARN, not one per fetch. */
    private boolean failing;

    Jwks(Vertx vertx, String url, int refreshS, int timeoutMs) {
        this.vertx = vertx;
        this.url = url;
        this.timeoutMs = timeoutMs;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                .setMaxRedirects(0).setKeepAlive(false));
        fetch();
        this.refreshTimer = vertx.setPeriodic(refreshS * 1000L, id -> fetch());
    }

    /** The keys of the last good fetch, or null if none succeeded yet. */
    List<VerifyKey> keys() {
        return keys;
    }

    /**
     * A fetch asked for by a token: the one in flight, a new one if the last asked for is
     * {@link #DEMAND_INTERVAL_NS} old, else none (a completed future). Never fails.
     */
    synchronized Future<Void> refetch(long nowNs) {
        if (inFlight != null) {
            return inFlight;
        }
        if (demanded && nowNs - lastDemandNs < DEMAND_INTERVAL_NS) {
            return Future.succeededFuture();
        }
        demanded = true;
        lastDemandNs = nowNs;
        return fetch();
    }

    /** Starts a fetch unless one is in flight; the future completes (never fails) when it is over. */
    synchronized Future<Void> fetch() {
        if (inFlight != null) {
            return inFlight;
        }
        Promise<Buffer> body = Promise.promise();
        long deadline = vertx.setTimer(timeoutMs, id -> body.tryFail("no answer within " + timeoutMs + " ms"));
        client.request(new RequestOptions().setAbsoluteURI(url).setMethod(HttpMethod.GET).setConnectTimeout(timeoutMs)
                        .setIdleTimeout(timeoutMs).putHeader("accept", "application/json"))
                .compose(request -> {
                    body.future().onFailure(e -> request.reset());
                    // the body is read from send()'s own callback, as the response arrives: one level out it can
                    // run after the body has come and gone, and then waits forever (eclipse-vertx/vert.x#5904, #6038)
                    return request.send().andThen(sent -> {
                        if (sent.succeeded()) {
                            read(sent.result(), body);
                        }
                    });
                })
                .onFailure(body::tryFail);
        Future<Void> done = body.future().transform(result -> {
            vertx.cancelTimer(deadline);
            loaded(result.succeeded() ? JwksParser.parse(vertx, result.result()) : null,
                    result.succeeded() ? null : String.valueOf(result.cause().getMessage()));
            return Future.<Void>succeededFuture();
        });
        if (!done.isComplete()) {
            // else it ended on this thread already (the request failed at once) and must not stay in flight
            inFlight = done;
        }
        return done;
    }

    private static void read(HttpClientResponse response, Promise<Buffer> body) {
        if (response.statusCode() != 200) {
            body.tryFail("HTTP " + response.statusCode());
            return;
        }
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
            if (received.length() + chunk.length() > JwksParser.MAX_BODY_BYTES) {
                body.tryFail("a body over " + JwksParser.MAX_BODY_BYTES + " bytes");
            } else {
                received.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(body::tryFail);
        response.endHandler(v -> body.tryComplete(received));
    }

    private synchronized void loaded(List<VerifyKey> fetched, String failure) {
        inFlight = null;
        if (fetched != null && !fetched.isEmpty()) {
            if (keys == null || failing) {
                LOG.info("player keys loaded from {}: {}", url, describe(fetched));
            } else {
                LOG.debug("player keys refreshed from {}: {}", url, describe(fetched));
            }
            keys = fetched;
            failing = false;
            return;
        }
        String why = failure != null ? failure : "no RS256 or ES256 signing key in it";
        if (failing) {
            LOG.debug("player keys could not be fetched from {} ({})", url, why);
        } else {
            failing = true;
            LOG.warn("player keys could not be fetched from {} ({}); {}", url, why, keys == null
                    ? "tokens are answered 503 until a fetch succeeds" : "the previous keys stay in use");
        }
    }

    private static String describe(List<VerifyKey> list) {
        return list.stream().map(k -> k.alg() + (k.kid() == null ? "" : " " + k.kid())).toList().toString();
    }

    /** Stops the refresh and closes the HTTP client. */
    void close() {
        vertx.cancelTimer(refreshTimer);
        client.close();
    }
}
