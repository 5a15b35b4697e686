package dev.tickcast.server.internal.room;

import dev.tickcast.game.GameSpec;
import dev.tickcast.game.driver.GameDriver;
import dev.tickcast.game.driver.PlayerCounters;
import dev.tickcast.game.driver.RoomPort;
import dev.tickcast.state.World;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * A room's game, run by a {@link GameDriver} (the engine's rules for calling a game, shared with
 * {@code LocalRoom}), and the room's side of that driver ({@link RoomPort}): game messages go to
 * the seated players' links, events to the {@link RoomBus}, and a fault in game code is logged once and
 * closes the room through the {@code fault} port (1011). The driver, and with it the game and its
 * world, is made at the first JOIN ({@link #create}), so a room nobody joins stays small. The
 * room's thread only.
 */
final class GameHost implements RoomPort {
    private static final Logger LOG = LoggerFactory.getLogger(GameHost.class);
    /** The most bytes of a close reason: a close frame's payload is at most 125 bytes, 2 of them the code. */
    static final int MAX_CLOSE_REASON_BYTES = 123;

    /** A kick by the game, carried out once the game call that asked for it has returned. */
    record Kick(int seat, Session session, String reason) {
    }

    private final String roomId;
    private final GameSpec spec;
    private final long seed;
    private final RoomBus bus;
    private final Runnable fault;
    private final Outbound outbound;
    private final RoomRecorder recorder;
    private Session[] seats;
    private GameDriver driver;
    /** The game message being sent, copied at its first recipient (null between messages). */
    private Buffer message;
    /** The game's kicks not carried out yet ({@link Seats#settleKicks}). */
    private final ArrayDeque<Kick> kicks = new ArrayDeque<>(0);

    /**
     * The host of a game of {@code spec} in room {@code roomId}, publishing its events to
     * {@code bus}, writing its messages through {@code outbound}; {@code fault} closes the room
     * when the game fails; what a recording keeps goes to {@code recorder}.
     */
    GameHost(String roomId, GameSpec spec, long seed, RoomBus bus, Outbound outbound, RoomRecorder recorder,
             Runnable fault) {
        this.roomId = roomId;
        this.recorder = recorder;
        this.spec = spec;
        this.seed = seed;
        this.bus = bus;
        this.outbound = outbound;
        this.fault = fault;
    }

    /**
     * Makes the driver and the game (its {@code onCreate}), once, the game's messages going to
     * the sessions of {@code players}; false if the game failed there.
     */
    boolean create(Seats players) {
        seats = players.sessions();
        driver = new GameDriver(spec, roomId, seed, this);
        return driver.create();
    }

    String roomId() {
        return roomId;
    }

    GameSpec spec() {
        return spec;
    }

    /** True once {@link #create} ran (whether or not the game failed there). */
    boolean created() {
        return driver != null;
    }

    /** The driver: every call into the game goes through it (null before {@link #create}). */
    GameDriver driver() {
        return driver;
    }

    /** The game's world (its tables exist once {@link #create} has run). */
    World world() {
        return driver.world();
    }

    /** The tick: the number of steps run (0 before the first). */
    int tick() {
        return driver == null ? 0 : driver.tick();
    }

    /** What the players sent the game, and what it took (null before {@link #create}). */
    PlayerCounters counters() {
        return driver == null ? null : driver.counters();
    }

    /** Ends the game (its {@code onDispose}, if it was made). */
    void dispose() {
        if (driver != null) {
            driver.dispose();
        }
    }

    /** True if the player in {@code seat} is seated, connected and not closing. */
    @Override
    public boolean reachable(int seat) {
        Session s = seats[seat];
        return s != null && !s.dropped() && !s.link.closed();
    }

    /** Queues the frame for the player in {@code seat}: copied once per message, the copy shared until {@link #flush()}. */
    @Override
    public void send(int seat, byte[] frame, int length) {
        if (message == null) {
            message = ControlFrames.copy(frame, length);
        }
        outbound.send(seats[seat].link, message);
    }

    /** Ends one game message: its writes are handed over, its shared copy forgotten. */
    @Override
    public void flush() {
        message = null;
        outbound.flush();
    }

    /**
     * Queues the kick: the room carries it out once the game call returns ({@link Seats#settleKicks}),
     * never from inside the game; the reason is cut to what a close frame carries. The seat's
     * session now is remembered (null while the seat is being joined), so that a kick never hits
     * a later player of the seat.
     */
    @Override
    public void kick(int seat, String reason) {
        kicks.add(new Kick(seat, seats[seat], closeReason(reason)));
    }

    /** The oldest kick not carried out yet, or null. */
    Kick nextKick() {
        return kicks.poll();
    }

    /** {@code reason} cut to at most {@value #MAX_CLOSE_REASON_BYTES} UTF-8 bytes, on a code point boundary. */
    static String closeReason(String reason) {
        return Trim.cut(reason, MAX_CLOSE_REASON_BYTES);
    }

    /** A game message to every seated player: the recording keeps it. */
    @Override
    public void toEveryone(byte[] frame, int length) {
        recorder.gameMessage(frame, length);
    }

    /** The game marked this moment: the recording keeps it (nothing in a room that does not record). */
    @Override
    public void mark(String text) {
        recorder.mark(text);
    }

    @Override
    public void publish(String name, Map<String, Object> data) {
        bus.gameEvent(name, data);
    }

    @Override
    public void onFault(String callback, RuntimeException e) {
        if ("onDispose".equals(callback)) {
            LOG.error("room {}: game failed in onDispose", roomId, e);
            return;
        }
        LOG.error("room {} ({}): game code failed at tick {} (in {}); closing the room", roomId, spec.name(), tick(),
                callback, e);
        fault.run();
    }
}
