package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.broadcast.Broadcast;
import dev.tickcast.server.internal.broadcast.Broadcasts;
import dev.tickcast.server.internal.broadcast.LinkSigner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The delayed broadcasts over HTTP, GET and HEAD (docs/PROTOCOL.md, "Delayed broadcast"):
 * {@code /broadcasts/{bid}/sync} (JSON, {@code max-age=1}) and {@code /broadcasts/{bid}/{n}/start|full|delta}
 * (immutable bytes). A private room's objects need {@code ?exp=E&sig=S} ({@link LinkSigner}). Errors are JSON
 * with {@code no-store}, but 410 (gone for good: {@code max-age=60}). Read-only over the broadcasts' volatile
 * state: any event loop.
 */
public final class BroadcastRoutes {
    /** Before the API's routes and any game author's, after the security headers (next to the recordings'). */
    private static final int ORDER = -1_999_000;
    static final String NO_STORE = "no-store";
    static final String SYNC_CACHE = "public, max-age=1";
    static final String GONE_CACHE = "public, max-age=60";
    /** The objects, as the metric's {@code object} label. */
    static final List<String> OBJECTS = List.of("sync", "start", "full", "delta");

    private final Broadcasts broadcasts;
    private final Map<String, Counter> requests = new HashMap<>();

    /** The routes over {@code broadcasts}, counting requests in {@code registry} (null: no metrics). */
    public BroadcastRoutes(Broadcasts broadcasts, MeterRegistry registry) {
        this.broadcasts = broadcasts;
        if (registry != null) {
            for (String object : OBJECTS) {
                for (String status : List.of("2xx", "4xx")) {
                    requests.put(object + status, Counter.builder("tickcast.broadcast.requests")
                            .description("Requests for delayed broadcast objects, by object and status class")
                            .tag("object", object).tag("status", status).register(registry));
                }
            }
        }
    }

    /** Adds the routes to {@code router}. */
    public void mount(Router router) {
        int order = ORDER;
        router.route("/broadcasts/:bid/sync").order(order++).method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::sync);
        router.route("/broadcasts/:bid/:n/:object").order(order++).method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::object);
        router.route("/broadcasts/*").order(order).handler(ctx -> error(ctx, null, 404, NO_STORE, "no such broadcast"));
    }

    private void sync(RoutingContext ctx) {
        Broadcast b = allowed(ctx, "sync");
        if (b == null) {
            return;
        }
        JsonObject sync = b.sync(broadcasts.nowMs());
        if (sync == null) {
            error(ctx, "sync", 404, NO_STORE, "nothing published yet");
            return;
        }
        send(ctx, "sync", 200, SYNC_CACHE, "application/json", Buffer.buffer(sync.encode()));
    }

    private void object(RoutingContext ctx) {
        String object = ctx.pathParam("object");
        if (!OBJECTS.contains(object) || "sync".equals(object)) {
            error(ctx, null, 404, NO_STORE, "no such broadcast object");
            return;
        }
        Broadcast b = allowed(ctx, object);
        if (b == null) {
            return;
        }
        int n = number(ctx.pathParam("n"));
        if (n < 0) {
            error(ctx, object, 400, NO_STORE, "the fragment number must be a decimal in [0, 2^31)");
            return;
        }
        Broadcast.Lookup found = b.lookup(n, broadcasts.nowMs());
        if (found.status() == 404) {
            error(ctx, object, 404, NO_STORE, "fragment " + n + " is not published yet");
            return;
        }
        if (found.status() == 410) {
            error(ctx, object, 410, GONE_CACHE, "fragment " + n + " is no longer held");
            return;
        }
        Broadcast.Fragment f = found.fragment();
        byte[] bytes = "start".equals(object) ? b.headBlock() : "full".equals(object) ? f.block() : f.delta();
        int offset = "full".equals(object) ? f.full()[0] : 0;
        int length = "full".equals(object) ? f.full()[1] : bytes.length;
        send(ctx, object, 200, RecordingRoutes.IMMUTABLE, "application/octet-stream",
                BufferInternal.buffer(Unpooled.wrappedBuffer(bytes, offset, length)));
    }

    /** The broadcast of the request, if it exists and the request may see it; else null, answered. */
    private Broadcast allowed(RoutingContext ctx, String object) {
        String bid = ctx.pathParam("bid");
        Broadcast b = broadcasts.find(bid);
        if (b == null) {
            error(ctx, object, 404, NO_STORE, "no such broadcast");
            return null;
        }
        if (b.listed()) {
            return b;
        }
        LinkSigner.Verdict v = broadcasts.signer().check(bid, ctx.request().getParam("exp"), ctx.request().getParam("sig"),
                Math.floorDiv(broadcasts.nowMs(), 1000));
        if (v == LinkSigner.Verdict.OK) {
            return b;
        }
        error(ctx, object, 403, NO_STORE, switch (v) {
            case MISSING -> "this broadcast needs a signed link (exp and sig)";
            case EXPIRED -> "the link has expired";
            default -> "the link's signature is not valid";
        });
        return null;
    }

    /** {@code text} as a number in [0, 2^31), or -1. */
    static int number(String text) {
        if (text == null || text.isEmpty() || text.length() > 10) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private void error(RoutingContext ctx, String object, int status, String cache, String message) {
        send(ctx, object, status, cache, "application/json", Buffer.buffer(new JsonObject().put("error", message).encode()));
    }

    private void send(RoutingContext ctx, String object, int status, String cache, String type, Buffer body) {
        Counter c = object == null ? null : requests.get(object + (status < 300 ? "2xx" : "4xx"));
        if (c != null) {
            c.increment();
        }
        HttpServerResponse response = ctx.response().setStatusCode(status).putHeader("Cache-Control", cache)
                .putHeader("content-type", type);
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader("content-length", Integer.toString(body.length())).end();
        } else {
            response.end(body);
        }
    }
}
