package dev.tickcast.server.internal.room;

import dev.tickcast.server.RoomEvents;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * A room's side of the event bus (the contract is {@link RoomEvents}): it publishes the room's
 * lifecycle and game events as JSON to every-room and per-game addresses, and consumes messages
 * for the game at the room's own address. Registered from the room's context, so the inbox runs
 * on the room's thread. Room thread only.
 */
final class RoomBus {
    private final Room room;
    private final EventBus bus;
    private final String gameAddress;
    private MessageConsumer<Object> inbox;

    RoomBus(Room room, EventBus bus) {
        this.room = room;
        this.bus = bus;
        this.gameAddress = RoomEvents.game(room.spec().name());
    }

    /** Starts taking messages for the game; call on the room's context. */
    void open() {
        inbox = bus.consumer(RoomEvents.room(room.id()), this::onMessage);
    }

    /** Stops taking messages: later requests to the room's address fail with NO_HANDLERS. */
    void close() {
        if (inbox != null) {
            inbox.unregister();
            inbox = null;
        }
    }

    void room(String type, JsonObject fields) {
        EventLog.room(room, type, fields);
        publish(event(type).mergeIn(fields));
    }

    void player(String type, Session s) {
        EventLog.player(room, type, s);
        publish(event(type).put("playerId", s.playerId).put("name", s.name));
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
        return new JsonObject().put("type", type).put("roomId", room.id()).put("game", room.spec().name())
                .put("tick", room.tick()).put("time", System.currentTimeMillis());
    }

    private void publish(JsonObject event) {
        bus.publish(RoomEvents.ALL, event);
        bus.publish(gameAddress, event);
    }

    private void onMessage(Message<Object> message) {
        if (!(message.body() instanceof JsonObject body)) {
            message.fail(400, "a message to a room is a JSON object");
            return;
        }
        boolean accepted = room.serverMessage(body.getMap());
        message.reply(new JsonObject().put("accepted", accepted).put("roomId", room.id()).put("tick", room.tick()));
    }
}
