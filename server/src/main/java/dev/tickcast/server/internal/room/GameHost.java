package dev.tickcast.server.internal.room;

import dev.tickcast.game.GameSpec;
import dev.tickcast.game.MessageWriter;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.World;

import java.util.Map;

/** The room as its game sees it ({@link RoomContext}): settings, world, game messages and events. */
final class GameHost implements RoomContext {
    private final Room room;
    private final World world;
    private final MessageWriter writer;

    GameHost(Room room, World world) {
        this.room = room;
        this.world = world;
        this.writer = new MessageWriter((players, count, except, frame, length) ->
                room.seats.deliver(players, count, except, frame, length));
    }

    @Override
    public String roomId() {
        return room.id();
    }

    @Override
    public GameSpec spec() {
        return room.spec();
    }

    @Override
    public long seed() {
        return room.seed;
    }

    @Override
    public World world() {
        return world;
    }

    @Override
    public int tick() {
        return room.tick();
    }

    @Override
    public MessageWriter message(int type) {
        return writer.begin(type);
    }

    @Override
    public void publish(String name, Map<String, Object> data) {
        room.bus.gameEvent(name, data);
    }
}
