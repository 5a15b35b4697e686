package dev.tickcast.server.internal.room;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.server.RoomEvents;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.World;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Hosts one {@link Game}: its fixed-step tick and its snapshot broadcast. The other concepts of a
 * room have their own files: {@link Seats} (joins, drops, reconnection), {@link Inbound} (client
 * messages by type), {@link ControlFrames} (control-frame encoding), {@link GameHost} (the game's
 * view of the room) and {@link RoomBus} (events and messages on the event bus).
 *
 * <p><b>Threading.</b> A room is bound to one Vert.x event-loop context; every method except
 * {@link #execute}, {@link #id()}, {@link #spec()} and {@link #info()} runs on that context, and
 * {@link #execute} is how other threads get there. A player's socket may live on another loop: its
 * messages hop to the room with one task each, while the room writes to it directly (Vert.x 5
 * queues writes from any thread).
 *
 * <p><b>Faults.</b> An exception from game code is a bug in the game: the room logs it once,
 * closes its players with 1011 and disposes itself; other rooms are not affected. Every call into
 * the game is a plain try/catch that ends in {@link #fail}.
 */
public final class Room {
    private static final Logger LOG = LoggerFactory.getLogger(Room.class);
    private static final int RING_SIZE = 64;

    private final String id;
    private final GameSpec spec;
    private final Context context;
    final RoomListener listener;
    final long seed;
    final Game game;
    final LongSupplier nanoClock;
    final Seats seats;
    final ControlFrames frames = new ControlFrames();
    final RoomBus bus;
    private final World world = new World();
    private final GameHost host;
    private final Inbound inbound;
    private final SnapshotObserver observer;
    private final TickDriver driver;
    private final Broadcaster broadcaster;
    private SnapshotRing ring;
    private Buffer schemaFrame;
    private int tick;
    private long timerId = -1;
    private boolean schedule;
    private boolean ticking;
    private boolean disposed;

    /** A room for {@code spec} on {@code context}; call {@link #start} on that context. */
    public Room(String id, GameSpec spec, Context context, long seed, RoomSettings settings, RoomListener listener) {
        this.id = id;
        this.spec = spec;
        this.context = context;
        this.seed = seed;
        this.listener = listener;
        this.nanoClock = settings.nanoClock();
        this.observer = settings.observer();
        this.broadcaster = new Broadcaster(settings.slowConsumerTimeoutMs() * 1_000_000L);
        this.driver = new TickDriver(spec.tickHz(), nanoClock);
        this.game = spec.newGame();
        this.seats = new Seats(this, spec.maxPlayers(), settings.reconnectGraceMs() * 1_000_000L);
        this.bus = new RoomBus(this, context.owner().eventBus());
        this.host = new GameHost(this, world);
        this.inbound = new Inbound(this);
    }

    /** The room id (immutable; any thread). */
    public String id() {
        return id;
    }

    /** The game spec (immutable; any thread). */
    public GameSpec spec() {
        return spec;
    }

    /** Runs {@code task} on the room's context: inline if already there, else as one queued task. */
    public void execute(Runnable task) {
        if (Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /** The room's public summary (any thread): id, game, players, maxPlayers, tick, droppedTicks. */
    public Future<JsonObject> info() {
        Promise<JsonObject> promise = Promise.promise();
        execute(() -> promise.complete(new JsonObject().put("id", id).put("game", spec.name())
                .put("players", seats.players()).put("maxPlayers", spec.maxPlayers()).put("tick", tick)
                .put("droppedTicks", driver.droppedTicks()).put("ticking", ticking)));
        return promise.future();
    }

    /**
     * Creates the game world and opens the room's event-bus address; the clock starts at the first
     * JOIN (a room nobody has joined yet costs no ticks), driven by a timer if {@code schedule}.
     */
    public void start(boolean schedule) {
        this.schedule = schedule;
        try {
            game.onCreate(host);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        world.freeze();
        ring = new SnapshotRing(RING_SIZE, world.schemas());
        schemaFrame = frames.schema(world.schemas());
        bus.open();
        bus.room(RoomEvents.ROOM_CREATED, new JsonObject().put("maxPlayers", spec.maxPlayers())
                .put("tickHz", spec.tickHz()).put("snapshotHz", spec.snapshotHz()));
    }

    /** Seats {@code session}; it gets WELCOME and SCHEMA now and a full snapshot at the next broadcast. */
    public void join(Session session) {
        seats.join(session);
        if (!ticking && !disposed && seats.players() > 0) {
            ticking = true;
            driver.start();
            if (schedule) {
                scheduleNext();
            }
        }
    }

    /** True once the clock runs (after the first JOIN). */
    public boolean ticking() {
        return ticking;
    }

    /** Gives the dropped player {@code playerId}'s seat to {@code session} (its reconnection). */
    public void resume(Session session, int playerId) {
        seats.resume(session, playerId);
    }

    /** The player left for good (it closed normally, or the server closed it for a violation). */
    public void leave(Session session) {
        seats.leave(session);
    }

    /** The player's connection dropped: keep its seat and entity for the grace period. */
    public void drop(Session session) {
        seats.drop(session);
    }

    /** Handles one client message of a joined session (anything but its JOIN). */
    public void onMessage(Session session, Buffer message) {
        if (!disposed && seats.holds(session)) {
            inbound.dispatch(session, message);
        }
    }

    void welcome(Session session) {
        session.link.send(frames.welcome(id, spec, session));
        session.link.send(schemaFrame);
    }

    /** A server-side message for the game (from the event bus); true if the game took it. */
    boolean serverMessage(Map<String, Object> message) {
        if (disposed) {
            return false;
        }
        try {
            return game.onServerMessage(message);
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
    }

    void reject(Session session, short code, String reason) {
        if (session.link.closed()) {
            return;
        }
        LOG.info("room {} player {} ({}): closing with {}: {}", id, session.playerId, session.link.remote(), code, reason);
        session.link.close(code, reason);
    }

    /** Runs one fixed step, and a broadcast when one is due; tests call this with a manual clock. */
    public void tickOnce() {
        if (disposed) {
            return;
        }
        try {
            game.step(tick + 1);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        tick++;
        seats.expireDropped();
        if (tick % spec.snapshotEveryTicks() == 0) {
            Snapshot snapshot = ring.claim();
            snapshot.capture(world, tick);
            observer.onSnapshot(this, snapshot);
            broadcaster.broadcast(snapshot, ring, seats.sessions(), nanoClock.getAsLong());
        }
    }

    private void onTimer() {
        timerId = -1;
        int due = disposed ? 0 : driver.dueSteps();
        for (int i = 0; i < due && !disposed; i++) {
            driver.advance();
            tickOnce();
        }
        if (!disposed) {
            scheduleNext();
        }
    }

    private void scheduleNext() {
        long delayMs = Math.max(1, (driver.nanosToNext() + 999_999) / 1_000_000);
        timerId = context.owner().setTimer(delayMs, t -> onTimer());
    }

    /** Stops the room: closes every player with {@code code}, calls the game's onDispose, publishes the end. */
    public void dispose(short code, String reason) {
        if (disposed) {
            return;
        }
        disposed = true;
        if (timerId >= 0) {
            context.owner().cancelTimer(timerId);
        }
        seats.closeAll(code, reason);
        try {
            game.onDispose();
        } catch (RuntimeException e) {
            LOG.error("room {}: game failed in onDispose", id, e);
        }
        bus.close();
        bus.room(RoomEvents.ROOM_DISPOSED, new JsonObject().put("reason", reason).put("code", (int) code));
    }

    void fail(RuntimeException e) {
        if (disposed) {
            return;
        }
        LOG.error("room {} ({}): game code failed at tick {}; closing the room", id, spec.name(), tick, e);
        dispose(Protocol.CLOSE_INTERNAL_ERROR, "game error");
        listener.onDisposed(this);
    }

    /** Sends {@code text} to every player as a system chat line (an announcement, {@link RoomEvents#ANNOUNCE}). */
    public void announce(String text) {
        if (!disposed) {
            seats.sendToAll(frames.systemChat(text));
        }
    }

    /** The current tick. */
    public int tick() {
        return tick;
    }

    /** The number of seated players, dropped ones included. */
    public int players() {
        return seats.players();
    }

    /** True once disposed. */
    public boolean disposed() {
        return disposed;
    }

    /** The schemas of the room's tables (read-only; after {@link #start}). */
    public List<Schema> schemas() {
        return world.schemas();
    }

    /** The broadcaster's counters. */
    public Broadcaster broadcaster() {
        return broadcaster;
    }

    /** The session in {@code seat}, or null. */
    public Session session(int seat) {
        return seats.at(seat);
    }
}
