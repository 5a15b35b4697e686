package dev.tickcast.server.internal.room;

import dev.tickcast.game.GameSpec;
import dev.tickcast.server.RoomEvents;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * A room's side of the event bus (the contract is {@link RoomEvents}): it publishes the room's
 * lifecycle and game events as JSON to every-room and per-game addresses, and consumes messages
 * for the game at the room's own address. Registered from the room's context, so the inbox runs
 * on the room's thread. The room's thread only.
 */
final class RoomBus {
    private final EventBus bus;
    private final String roomId;
    private final GameSpec spec;
    private final IntSupplier tick;
    private final String gameAddress;
    private final RoomRecorder recorder;
    private MessageConsumer<Object> inbox;

    /**
     * The bus side of room {@code roomId} of {@code spec}, whose current tick is {@code tick}; joins
     * and leaves also go to {@code recorder}.
     */
    RoomBus(EventBus bus, String roomId, GameSpec spec, IntSupplier tick, RoomRecorder recorder) {
        this.bus = bus;
        this.recorder = recorder;
        this.roomId = roomId;
        this.spec = spec;
        this.tick = tick;
        this.gameAddress = RoomEvents.game(spec.name());
    }

    /**
     * Starts taking messages for the game, which {@code toGame} hands over (true: the game took
     * it), and publishes the room's creation; call on the room's context.
     */
    void open(Predicate<Map<String, Object>> toGame) {
        inbox = bus.consumer(RoomEvents.room(roomId), message -> onMessage(message, toGame));
        room(RoomEvents.ROOM_CREATED, new JsonObject().put("maxPlayers", spec.maxPlayers())
                .put("tickHz", spec.tickHz()).put("snapshotHz", spec.snapshotHz()));
    }

    /**
     * Stops taking messages (later requests to the room's address fail with NO_HANDLERS) and
     * publishes the room's end.
     */
    void close(short code, String reason) {
        if (inbox != null) {
            inbox.unregister();
            inbox = null;
        }
        room(RoomEvents.ROOM_DISPOSED, new JsonObject().put("reason", reason).put("code", (int) code));
    }

    private void room(String type, JsonObject fields) {
        EventLog.room(roomId, spec, tick.getAsInt(), type, fields);
        publish(event(type).mergeIn(fields));
    }

    /** A player's event; {@code players} is the number of seated players after it (joins and leaves are recorded). */
    void player(String type, Session s, int players) {
        EventLog.player(roomId, spec, type, s, players);
        if (RoomEvents.PLAYER_JOINED.equals(type)) {
            recorder.join(s.playerId, s.name);
        } else if (RoomEvents.PLAYER_LEFT.equals(type)) {
            recorder.leave(s.playerId);
        }
        publish(event(type).put("playerId", s.playerId).put("name", s.name).put("subject", s.identity.subject())
                .put("claims", claims(s.identity.claims())));
    }

    /** The identity's claims as a JSON object (lists as arrays), a copy of its own. */
    private static JsonObject claims(Map<String, Object> claims) {
        JsonObject json = new JsonObject();
        claims.forEach((k, v) -> json.put(k, v instanceof List<?> l ? new JsonArray(new ArrayList<>(l)) : v));
        return json;
    }

    /** A game's event; its data must be JSON-like (strings, numbers, booleans, lists, maps). */
    void gameEvent(String name, Map<String, Object> data) {
        JsonObject json;
        try {
            json = data == null ? new JsonObject() : new JsonObject(data).copy();
        } catch (IllegalStateException | ClassCastException e) {
            throw new IllegalArgumentException("game event " + name + ": data must be JSON values: " + e.getMessage(), e);
        }
        publish(event(RoomEvents.GAME_EVENT).put("event", name).put("data", json));
    }

    private JsonObject event(String type) {
        return new JsonObject().put("type", type).put("roomId", roomId).put("game", spec.name())
                .put("tick", tick.getAsInt()).put("time", System.currentTimeMillis());
    }

    private void publish(JsonObject event) {
        bus.publish(RoomEvents.ALL, event);
        bus.publish(gameAddress, event);
    }

    private void onMessage(Message<Object> message, Predicate<Map<String, Object>> toGame) {
        if (!(message.body() instanceof JsonObject body)) {
            message.fail(400, "a message to a room is a JSON object");
            return;
        }
        boolean accepted = toGame.test(body.getMap());
        message.reply(new JsonObject().put("accepted", accepted).put("roomId", roomId).put("tick", tick.getAsInt()));
    }
}
