package dev.tickcast.server.internal.room;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.MessageWriter;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.World;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A room's game and its world, and the room as the game sees it ({@link RoomContext}). Every call
 * into game code goes through here: an exception from it is a bug in the game, logged once and
 * reported to the room's {@code fault} port (which closes the room, 1011), after which
 * {@link #failed()} is true and calls answer as refused. Nothing of the game exists until
 * {@link #create} (the first JOIN), so a room nobody joins stays small. The room's thread only.
 */
final class GameHost implements RoomContext {
    private static final Logger LOG = LoggerFactory.getLogger(GameHost.class);

    private final String roomId;
    private final GameSpec spec;
    private final long seed;
    private final IntSupplier tick;
    private final RoomBus bus;
    private final Runnable fault;
    private boolean created;
    private boolean failed;
    private Game game;
    private World world;
    private MessageWriter writer;

    /**
     * The host of a game of {@code spec} in room {@code roomId}, whose current tick is {@code tick},
     * publishing its events to {@code bus}; {@code fault} closes the room when the game fails.
     */
    GameHost(String roomId, GameSpec spec, long seed, IntSupplier tick, RoomBus bus, Runnable fault) {
        this.roomId = roomId;
        this.spec = spec;
        this.seed = seed;
        this.tick = tick;
        this.bus = bus;
        this.fault = fault;
    }

    /**
     * Makes the world and the game (its {@code onCreate}), once, the game's messages going to
     * {@code outbox} (the seats); false if the game failed.
     */
    boolean create(MessageWriter.Outbox outbox) {
        created = true;
        world = new World();
        writer = new MessageWriter(outbox);
        try {
            game = spec.newGame();
            game.onCreate(this);
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
        world.freeze();
        return true;
    }

    /** True once {@link #create} ran (whether or not the game failed there). */
    boolean created() {
        return created;
    }

    /** True once game code has thrown: the room is closed, and calls answer as refused. */
    boolean failed() {
        return failed;
    }

    /** The game's refusal of a player named {@code name}, or null (also if the game failed). */
    String joinRequest(String name, int players) {
        try {
            return game.onJoinRequest(name, players);
        } catch (RuntimeException e) {
            fail(e);
            return null;
        }
    }

    /** Seats the player in the game; its entity, or -1 (also if the game failed). */
    int join(int seat, String name) {
        try {
            return game.onJoin(seat, name);
        } catch (RuntimeException e) {
            fail(e);
            return -1;
        }
    }

    void leave(int seat) {
        try {
            game.onLeave(seat);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** True if the game took the input; false if it refused it or failed. */
    boolean input(int seat, int seq, InputReader in) {
        try {
            return game.onInput(seat, seq, in);
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
    }

    /** True if the game took the game message; false if it refused it or failed. */
    boolean message(int seat, int type, InputReader in) {
        try {
            return game.onMessage(seat, type, in);
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
    }

    /** True if the game took a server-side message; false if it refused it or failed. */
    boolean serverMessage(Map<String, Object> message) {
        try {
            return game.onServerMessage(message);
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
    }

    /** Runs the game's step {@code next}; false if the game failed. */
    boolean step(int next) {
        try {
            game.step(next);
            return true;
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
    }

    /** The game's {@code onDispose}, if it was made; an exception from it is only logged. */
    void dispose() {
        try {
            if (game != null) {
                game.onDispose();
            }
        } catch (RuntimeException e) {
            LOG.error("room {}: game failed in onDispose", roomId, e);
        }
    }

    private void fail(RuntimeException e) {
        if (!failed) {
            LOG.error("room {} ({}): game code failed at tick {}; closing the room", roomId, spec.name(), tick.getAsInt(), e);
        }
        failed = true;
        fault.run();
    }

    @Override
    public String roomId() {
        return roomId;
    }

    @Override
    public GameSpec spec() {
        return spec;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public World world() {
        return world;
    }

    @Override
    public int tick() {
        return tick.getAsInt();
    }

    @Override
    public MessageWriter message(int type) {
        return writer.begin(type);
    }

    @Override
    public void publish(String name, Map<String, Object> data) {
        bus.gameEvent(name, data);
    }
}
