package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.record.RecordingEntry;
import dev.tickcast.server.internal.record.RecordingIds;
import dev.tickcast.server.internal.record.RecordingCatalogue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The finished recordings over HTTP (GET and HEAD):
 * <ul>
 *   <li>{@code /recordings}: a JSON array of {@link RecordingEntry}, newest first, each with its {@code url};</li>
 *   <li>{@code /recordings/<id>.tcrec}: the archive, immutable once finished ({@code Cache-Control: public,
 *       max-age=31536000, immutable}), with {@code Accept-Ranges: bytes} and one range per request
 *       ({@link ByteRange}: 206 with {@code Content-Range}; 416 with {@code Content-Range: bytes * /size}; several
 *       ranges get the whole file, 200).</li>
 * </ul>
 * The id is checked ({@link RecordingIds}) before the disk is touched: anything else under {@code /recordings/},
 * and an archive that is not finished or not there, is 404. The file is opened on a worker thread and sent from
 * that open channel, so an eviction while it is sent does not cut it short.
 */
public final class RecordingRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingRoutes.class);
    /** Before the API's routes and any game author's, after the security headers. */
    private static final int ORDER = -2_000_000;
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final Vertx vertx;
    private final RecordingCatalogue recordings;
    private final Function<RoutingContext, String> baseUrl;
    /** The last answer of {@code /recordings}: (listing, base URL, body), shared while both are the same. */
    private final AtomicReference<Object[]> encoded = new AtomicReference<>();

    /** The routes over {@code recordings}; {@code baseUrl} gives a request's base URL for the entries' urls. */
    public RecordingRoutes(Vertx vertx, RecordingCatalogue recordings, Function<RoutingContext, String> baseUrl) {
        this.vertx = vertx;
        this.recordings = recordings;
        this.baseUrl = baseUrl;
    }

    /** Adds the routes to {@code router}. */
    public void mount(Router router) {
        int order = ORDER;
        router.route("/recordings").order(order++).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::list);
        router.route("/recordings/:file").order(order++).method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::file);
        router.route("/recordings/*").order(order).handler(RecordingRoutes::notFound);
    }

    private void list(RoutingContext ctx) {
        recordings.list().onComplete(done -> {
            if (done.failed()) {
                LOG.warn("recordings cannot be listed: {}", done.cause().toString());
                HttpApi.error(ctx, 503, "the recordings cannot be listed");
                return;
            }
            ctx.response().putHeader("content-type", "application/json").putHeader("Cache-Control", "no-cache")
                    .end(encoded(done.result(), baseUrl.apply(ctx)));
        });
    }

    private Buffer encoded(List<RecordingEntry> list, String base) {
        Object[] last = encoded.get();
        if (last != null && last[0] == list && last[1].equals(base)) {
            return (Buffer) last[2];
        }
        JsonArray json = new JsonArray();
        list.forEach(e -> json.add(e.toJson(base)));
        Buffer body = Buffer.buffer(json.encode());
        encoded.set(new Object[] {list, base, body});
        return body;
    }

    private void file(RoutingContext ctx) {
        String name = ctx.pathParam("file");
        String id = RecordingIds.ofFileName(name);
        if (id == null) {
            notFound(ctx);
            return;
        }
        open(id).onComplete(done -> {
            if (done.failed()) {
                LOG.warn("recording {} cannot be opened: {}", id, done.cause().toString());
                HttpApi.error(ctx, 503, "the recording cannot be read");
            } else if (done.result() == null) {
                notFound(ctx);
            } else {
                send(ctx, done.result());
            }
        });
    }

    /** The archive's file, opened on a worker thread, with its size as opened; null if not a finished archive. */
    private Future<Open> open(String id) {
        return vertx.executeBlocking(() -> {
            RecordingCatalogue.Known known = recordings.findNow(id);
            if (known == null) {
                return null;
            }
            try {
                FileChannel channel = FileChannel.open(known.file(), StandardOpenOption.READ);
                return new Open(channel, channel.size());
            } catch (NoSuchFileException e) {
                return null;
            }
        }, false);
    }

    private record Open(FileChannel channel, long size) {
    }

    private void send(RoutingContext ctx, Open file) {
        HttpServerResponse response = ctx.response();
        ByteRange range = ByteRange.of(ctx.request().getHeader("Range"), file.size());
        response.setStatusCode(range.status()).putHeader("Accept-Ranges", "bytes")
                .putHeader("Cache-Control", IMMUTABLE);
        String contentRange = range.contentRange(file.size());
        if (contentRange != null) {
            response.putHeader("Content-Range", contentRange);
        }
        if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
            close(file);
            response.end();
            return;
        }
        response.putHeader("content-type", "application/octet-stream");
        if (ctx.request().method() == HttpMethod.HEAD) {
            close(file);
            response.putHeader("content-length", Long.toString(range.length())).end();
            return;
        }
        response.sendFile(file.channel(), range.first(), range.length()).onComplete(done -> close(file));
    }

    private static void close(Open file) {
        try {
            file.channel().close();
        } catch (IOException e) {
            LOG.debug("closing a recording: {}", e.toString());
        }
    }

    private static void notFound(RoutingContext ctx) {
        HttpApi.error(ctx, 404, "no such recording");
    }
}
