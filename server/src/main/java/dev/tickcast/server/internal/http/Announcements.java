package dev.tickcast.server.internal.http;

import dev.tickcast.server.RoomEvents;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.wire.Protocol;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The announcement channel ({@link RoomEvents#ANNOUNCE}): {@code POST /admin/announce} with
 * {@code Authorization: Bearer <admin token>}, {@code X-Tickcast-Admin: 1} and
 * {@code {"text": "..."}} publishes it on the event bus (clustered: every node), and every node
 * hands it to each of its rooms, whose players get it as a system chat line. The route sits under
 * {@code /admin}, so {@link AdminApi}'s checks run first: {@link AdminAuth} is the one check of the
 * admin token (Bearer, or Basic with the token as the password, with its per-address limit on wrong
 * guesses), then the refusal of cross-site requests. A request that did not pass {@link AdminAuth}
 * (the route mounted without {@link AdminApi}, a wiring bug) is refused, never published.
 */
public final class Announcements {
    private static final Logger LOG = LoggerFactory.getLogger(Announcements.class);
    private final EventBus bus;

    /**
     * Publishes on {@code bus}; {@code adminToken} is the configured one (not null): the route exists
     * only with an admin token, which {@link AdminAuth} checks.
     */
    public Announcements(EventBus bus, String adminToken) {
        this.bus = bus;
        Objects.requireNonNull(adminToken, "announcements need an admin token");
    }

    /** Delivers every announcement published anywhere to the players of {@code matchmaker}'s rooms. */
    public static MessageConsumer<Object> deliver(EventBus bus, Matchmaker matchmaker) {
        return bus.consumer(RoomEvents.ANNOUNCE, message -> {
            String text = message.body() instanceof JsonObject j ? text(j) : null;
            if (text == null) {
                LOG.warn("announcement ignored: not {{\"text\": 1..{} UTF-8 bytes}}", Protocol.MAX_CHAT_BYTES);
                return;
            }
            for (Room room : matchmaker.allRooms()) {
                room.execute(() -> room.announce(text));
            }
        });
    }

    void handle(RoutingContext ctx) {
        if (!AdminAuth.admitted(ctx)) {
            LOG.error("POST /admin/announce reached without the admin check: refused");
            HttpApi.error(ctx, 401, "an admin token is required");
            return;
        }
        String text;
        try {
            text = text(new JsonObject(ctx.body().asString() == null ? "{}" : ctx.body().asString()));
        } catch (DecodeException e) {
            text = null;
        }
        if (text == null) {
            HttpApi.error(ctx, 400, "body must be {\"text\": 1.." + Protocol.MAX_CHAT_BYTES + " UTF-8 bytes}");
            return;
        }
        bus.publish(RoomEvents.ANNOUNCE, new JsonObject().put("text", text));
        LOG.info("announcement published: {}", text);
        ctx.response().setStatusCode(202).putHeader("content-type", "application/json")
                .end(new JsonObject().put("published", true).encode());
    }

    private static String text(JsonObject body) {
        if (!(body.getValue("text") instanceof String s)) {
            return null;
        }
        String t = s.strip();
        int bytes = t.getBytes(StandardCharsets.UTF_8).length;
        return bytes == 0 || bytes > Protocol.MAX_CHAT_BYTES ? null : t;
    }
}
