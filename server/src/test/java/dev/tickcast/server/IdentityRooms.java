package dev.tickcast.server;

import dev.tickcast.client.Seat;
import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.match.RoomSummary;
import dev.tickcast.server.internal.match.SeatGrant;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A server hosting {@link WhoGame}, whose players come with an identity handed straight to the
 * matchmaker (as the HTTP API does once it has verified a token: these tests do not depend on
 * how), and the room events on the bus, recorded and awaited with bounded waits.
 */
final class IdentityRooms {
    static final String ADDRESS = "198.51.100.7";

    final Vertx vertx;
    final ServerFixture fixture;
    private final List<JsonObject> events = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(Predicate<JsonObject> condition, CompletableFuture<JsonObject> done) {
    }

    IdentityRooms(Vertx vertx) {
        this(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2));
    }

    IdentityRooms(Vertx vertx, TickcastOptions options) {
        WhoGame.clear();
        this.vertx = vertx;
        this.fixture = new ServerFixture(vertx, options, new GameRegistry().register(WhoGame.SPEC));
        Bot.get(vertx.eventBus().<JsonObject>consumer(RoomEvents.ALL, m -> onEvent(m.body())).completion()
                .toCompletionStage().toCompletableFuture());
    }

    /** A verified identity. */
    static Identity verified(String subject, String name) {
        return new Identity(subject, name, java.util.Map.of());
    }

    /** Join-or-create for {@code who}, then the WebSocket and JOIN; the bot has its WELCOME. */
    Bot login(Identity who) {
        return join(grant(fixture.server.matchmaker().joinOrCreate("who", who, ADDRESS)));
    }

    /** A granted seat, checked. */
    static SeatGrant grant(SeatGrant grant) {
        assertEquals(SeatGrant.Status.OK, grant.status());
        return grant;
    }

    /** Opens a WebSocket for the seat of {@code grant} and waits for its WELCOME. */
    Bot join(SeatGrant grant) {
        Bot bot = new Bot(vertx, fixture.port());
        Bot.get(bot.client.join(new Seat(grant.roomId(), grant.token(), grant.game(), grant.expiresInMs(),
                grant.reconnectToken())).toCompletionStage().toCompletableFuture());
        bot.welcome();
        return bot;
    }

    /** The matchmaker's counts of the room (null once it left the directory). */
    RoomSummary summary(String roomId) {
        return fixture.server.matchmaker().summary(roomId);
    }

    /** The first event (past or future) that satisfies {@code condition}. */
    JsonObject event(Predicate<JsonObject> condition) {
        CompletableFuture<JsonObject> done = new CompletableFuture<>();
        synchronized (this) {
            for (JsonObject e : events) {
                if (condition.test(e)) {
                    return e;
                }
            }
            waiters.add(new Waiter(condition, done));
        }
        return Bot.get(done, "an event");
    }

    /** The first event of {@code type} for the player {@code name}. */
    JsonObject playerEvent(String type, String name) {
        return event(e -> type.equals(e.getString("type")) && name.equals(e.getString("name")));
    }

    /** Every event so far of {@code type}. */
    synchronized List<JsonObject> events(String type) {
        return events.stream().filter(e -> type.equals(e.getString("type"))).toList();
    }

    private synchronized void onEvent(JsonObject event) {
        events.add(event);
        waiters.removeIf(w -> w.condition.test(event) && w.done.complete(event));
    }
}
