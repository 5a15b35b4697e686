package dev.tickcast.game.driver;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.game.RoomContext;
import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.rewind.LagCompensator;
import dev.tickcast.state.World;
import dev.tickcast.wire.Protocol;

import java.util.Map;

/**
 * Runs one {@link Game} under the engine's rules, for any host: the server's room and {@code LocalRoom} both drive
 * their game through one, so a game behaves the same in a unit test as in a real room. The driver owns the order of
 * calls, the seats, the tick, the input sequence rule, the limits on game messages both ways and the handling of
 * faults; the host owns connections, bytes on the wire, clocks and closing. No Vert.x, no logging: outcomes are return
 * values, and the game's messages, events and faults go through the host's {@link RoomPort}.
 *
 * <p><b>Threading.</b> One thread owns a driver (the room's thread): every method, and every call into the game and
 * the port, runs on it, never concurrently. Nothing here is synchronised.
 *
 * <p><b>Order of calls.</b> {@link #create()} once (the game's factory, {@code onCreate}, then the world is frozen);
 * then, as things happen, {@link #join}, {@link #resume}, {@link #leave}, {@link #input}, {@link #message} and
 * {@link #serverMessage}; {@link #step()} once per tick (the tick is incremented, then {@code step(tick)} runs: during a step
 * the game's {@link RoomContext#tick()} is the tick being stepped); {@link #dispose()} once at the end. Any call but
 * {@code dispose()} before {@code create()} is a host bug (IllegalStateException), as is an input or message for a
 * seat that is not taken (IllegalArgumentException).
 *
 * <p><b>Verdicts.</b> An expected refusal is a return value, never an exception: {@link #join} returns an
 * {@link Admission}, {@link #input} and {@link #message} a {@link Verdict} (the table of which call returns which is on
 * {@link Verdict}); the host closes that player's connection with {@link Verdict#closeCode()} and the reason, which
 * for an input or message is {@link #reason()}, read right after the call. The game's own messages go to reachable
 * seated players, at most {@link Protocol#MAX_GAME_MESSAGES_PER_TICK} per player per tick (more are not sent).
 *
 * <p><b>Faults.</b> A RuntimeException out of game code (including what the game does through its {@link RoomContext},
 * and so the port's own calls) is a bug in the game: the driver catches it, turns {@link #failed()}, and reports it
 * once through {@link RoomPort#onFault}. From then on calls do not reach the game (FAILED, false), except
 * {@link #dispose()}, which still runs {@code onDispose} so the game can release what it holds.
 *
 * <p><b>Memory.</b> {@link #input}, {@link #message}, {@link #step()} and a game message (one reused frame for every
 * recipient) allocate nothing; {@link #join} allocates its {@link Admission}.
 */
public final class GameDriver {
    private final GameSpec spec;
    private final RoomPort port;
    private final SeatTable seats;
    private final DriverContext context;
    private final PlayerInbox inbox;
    private Game game;
    private int tick;
    private boolean created;
    /** True while the game's onCreate runs (interest is declared there). */
    boolean creating;
    private boolean failed;
    private boolean disposed;

    /**
     * A driver for one room of {@code spec}, told {@code roomId} and {@code seed}, whose outside is
     * {@code port}; nothing of the game exists until {@link #create()}.
     */
    public GameDriver(GameSpec spec, String roomId, long seed, RoomPort port) {
        this.spec = spec;
        this.port = port;
        this.seats = new SeatTable(spec.maxPlayers(), new SeatViews(spec.maxPlayers()));
        this.context = new DriverContext(this, spec, roomId, seed, seats, port);
        this.inbox = new PlayerInbox(this, seats);
    }

    /** Judges stamps for {@link RoomContext#rewind} with {@code lag} (its record of what was sent is reset per connection). */
    public void lagCompensation(LagCompensator lag) {
        seats.views.history(lag);
    }

    /**
     * Makes the game ({@code spec.newGame()}), calls its {@code onCreate} and freezes the world;
     * false if the game failed there (reported as a fault). Called once.
     */
    public boolean create() {
        if (created || disposed) {
            throw new IllegalStateException("create() is called once, before dispose()");
        }
        created = true;
        String callback = "newGame";
        try {
            game = spec.newGame();
            callback = "onCreate";
            creating = true;
            game.onCreate(context);
        } catch (RuntimeException e) {
            fail(callback, e);
            return false;
        }
        creating = false;
        context.world().freeze();
        return true;
    }

    /**
     * {@code player} asks to join: the first free seat, else ROOM_FULL; then the game's
     * {@code onJoinRequest(player, players())}, a non-null answer being JOIN_REFUSED with that
     * reason; then {@code onJoin(seat, player)}, whose entity the admission carries. A new seat
     * starts at input sequence 0 with no game messages this tick, and holds {@code player} until it
     * is freed.
     */
    public Admission join(Identity player) {
        Verdict stopped = stopped();
        if (stopped != null) {
            return stopped == Verdict.FAILED ? Admission.FAILED : Admission.DISPOSED;
        }
        int seat = seats.freeSeat();
        if (seat < 0) {
            return Admission.ROOM_FULL;
        }
        String refusal;
        try {
            refusal = game.onJoinRequest(player, seats.players());
        } catch (RuntimeException e) {
            fail("onJoinRequest", e);
            return Admission.FAILED;
        }
        if (refusal != null) {
            return new Admission(Verdict.JOIN_REFUSED, -1, -1, refusal);
        }
        seats.take(seat, player);
        int entity;
        try {
            entity = game.onJoin(seat, player);
        } catch (RuntimeException e) {
            fail("onJoin", e);
            return Admission.FAILED;
        }
        return new Admission(Verdict.ACCEPTED, seat, entity, null);
    }

    /**
     * A new connection takes over the taken {@code seat} (a dropped player came back): the seat,
     * its entity and its last input sequence carry over, its per-tick message count starts again;
     * the game is not called. False if the seat is not taken or the game no longer runs.
     */
    public boolean resume(int seat) {
        if (stopped() != null || !seats.taken(seat)) {
            return false;
        }
        seats.resetMessages(seat);
        return true;
    }

    /**
     * Another client of the same player takes over the taken {@code seat} (a newer login of the
     * same identity replaced the seat's connection): as {@link #resume}, but the input sequence
     * starts again at 0, since the new client numbers its INPUTs from 1; the game is not called.
     * False if the seat is not taken or the game no longer runs.
     */
    public boolean takeOver(int seat) {
        if (!resume(seat)) {
            return false;
        }
        seats.lastSeq(seat, 0);
        return true;
    }

    /**
     * The player in {@code seat} left for good: frees the seat, then {@code onLeave}; false (and no
     * call) if the seat was not taken or the game no longer runs.
     */
    public boolean leave(int seat) {
        if (stopped() != null || !seats.taken(seat)) {
            return false;
        }
        seats.free(seat);
        try {
            game.onLeave(seat);
        } catch (RuntimeException e) {
            fail("onLeave", e);
        }
        return true;
    }

    /**
     * One INPUT of the player in {@code seat}: its sequence number (-1 if the host could not read it), its view
     * stamp (what {@code RoomContext.rewind} shows while the game handles it) and its payload
     * {@code bytes[offset, offset + length)}. Pass every INPUT of a seated player, so the {@link #counters()} count
     * them. The sequence must be above the seat's last
     * accepted one (the first is 1), else BAD_SEQUENCE (negative) or SEQUENCE_NOT_INCREASING,
     * without calling the game; then {@code onInput}, false being MALFORMED_INPUT. Only an accepted
     * input moves the seat's sequence.
     */
    public Verdict input(int seat, int seq, int view, byte[] bytes, int offset, int length) {
        Verdict stopped = stopped();
        if (stopped == null) {
            checkSeat(seat);
        }
        return stopped != null ? inbox.verdict(stopped) : inbox.input(game, seat, seq, view, bytes, offset, length);
    }

    /**
     * One GAME_SEND of the player in {@code seat}: its type (-1 if the host could not read it), its view
     * stamp and its payload {@code bytes[offset, offset + length)}. A type outside
     * 0..{@link Protocol#MAX_GAME_MESSAGE_TYPE} is BAD_MESSAGE_TYPE, a payload over
     * {@link Protocol#MAX_GAME_PAYLOAD_BYTES} bytes MESSAGE_TOO_BIG, both without calling the game;
     * then {@code onMessage}, false being MESSAGE_REFUSED.
     */
    public Verdict message(int seat, int type, int view, byte[] bytes, int offset, int length) {
        Verdict stopped = stopped();
        if (stopped == null) {
            checkSeat(seat);
        }
        return stopped != null ? inbox.verdict(stopped) : inbox.message(game, seat, type, view, bytes, offset, length);
    }

    /** The seat's measured round trip (ms, -1: unknown) and declared interpolation delay (ms): stamps are judged with them. */
    public void latency(int seat, int rttMs, int viewDelayMs) {
        seats.views.latency(seat, rttMs, viewDelayMs);
    }

    /**
     * The close reason of the last {@link #input} or {@link #message} verdict: the verdict's own
     * text, or for MESSAGE_REFUSED "game message of type N refused by the game" (built on call).
     */
    public String reason() {
        return inbox.reason();
    }

    /** A message from the server side for the game ({@code onServerMessage}); true if the game took it. */
    public boolean serverMessage(Map<String, Object> message) {
        if (stopped() != null) {
            return false;
        }
        try {
            return game.onServerMessage(message);
        } catch (RuntimeException e) {
            fail("onServerMessage", e);
            return false;
        }
    }

    /** Runs one fixed step: the tick is incremented, then {@code step(tick)}; false if the game failed or is gone. */
    public boolean step() {
        if (stopped() != null) {
            return false;
        }
        tick++;
        try {
            game.step(tick);
        } catch (RuntimeException e) {
            fail("step", e);
            return false;
        }
        return true;
    }

    /**
     * Ends the game: {@code onDispose} once if the game was made (also after a failure), an
     * exception from it reported through {@link RoomPort#onFault}. Later calls get DISPOSED.
     * Idempotent.
     */
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        if (game == null) {
            return;
        }
        try {
            game.onDispose();
        } catch (RuntimeException e) {
            port.onFault("onDispose", e);
        }
    }

    /** The game, or null before {@link #create()} (or if its factory failed). */
    public Game game() {
        return game;
    }

    /** The room as the game sees it (the {@code onCreate} argument): id, spec, seed, world, tick, messages. */
    public RoomContext context() {
        return context;
    }

    /** The interest the game declared in onCreate ({@link RoomContext#interest}), or null: the whole world to everyone. */
    public Interest interest() {
        return context.declared();
    }

    /** The game's world (its tables exist once {@link #create()} has run). */
    public World world() {
        return context.world();
    }

    /** The tick: 0 before the first step, then the tick of the last (or current) {@link #step()}. */
    public int tick() {
        return tick;
    }

    /** Taken seats: players joined and not left (a dropped player keeps its seat). */
    public int players() {
        return seats.players();
    }

    /** True if {@code seat} is taken. */
    public boolean seated(int seat) {
        return seats.taken(seat);
    }

    /** The last accepted input sequence of the player in the taken {@code seat} (0 before its first). */
    public int lastSeq(int seat) {
        checkSeat(seat);
        return seats.lastSeq(seat);
    }

    /** True once game code has thrown. */
    public boolean failed() {
        return failed;
    }

    /** True once {@link #dispose()} has run. */
    public boolean disposed() {
        return disposed;
    }

    /** What the players sent the game, and what it took. */
    public PlayerCounters counters() {
        return inbox.counters;
    }

    /** The first fault: the driver turns failed, and the host hears of it once. */
    void fail(String callback, RuntimeException e) {
        failed = true;
        port.onFault(callback, e);
    }

    /** FAILED or DISPOSED if calls no longer reach the game, null if it runs; a host bug before create(). */
    private Verdict stopped() {
        if (!created && !disposed) {
            throw new IllegalStateException("create() the game first");
        }
        return disposed ? Verdict.DISPOSED : failed ? Verdict.FAILED : null;
    }

    private void checkSeat(int seat) {
        if (!seats.taken(seat)) {
            throw new IllegalArgumentException("seat " + seat + " is not taken");
        }
    }
}
