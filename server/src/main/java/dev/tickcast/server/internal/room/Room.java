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
 * INPUTs wait in the session's inbox until the next step (no task, no wake-up), its other messages
 * ask for one drain task, and the room's writes to it go out in one batch per loop
 * ({@link Outbound}). Rooms are stepped by their loop's {@link LoopTicker}.
 *
 * <p><b>Memory.</b> A room reserved by matchmaking but not joined yet holds only its seats, its
 * counters and its event-bus address: the game, its world, the snapshot ring and the encoders are
 * made at the first JOIN (or spectator, or server message), so rooms nobody joins stay small.
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
    /** Null until {@link #materialize()}, as are the world, host, inbound handlers, ring and frames. */
    Game game;
    final LongSupplier nanoClock;
    final Seats seats;
    ControlFrames frames;
    final RoomBus bus;
    final RoomCounters counters = new RoomCounters();
    private final RoomMetrics metrics;
    private final Spectators spectators = new Spectators();
    private final long createdAtMs = System.currentTimeMillis();
    private World world;
    private GameHost host;
    private Inbound inbound;
    private final SnapshotObserver observer;
    final Outbound outbound = new Outbound();
    private final Broadcaster broadcaster;
    private SnapshotRing ring;
    private Buffer schemaFrame;
    private int tick;
    private long droppedTicks;
    private long lateSteps;
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
        this.broadcaster = new Broadcaster(settings.slowConsumerTimeoutMs() * 1_000_000L, outbound);
        this.seats = new Seats(this, spec.maxPlayers(), settings.reconnectGraceMs() * 1_000_000L);
        this.bus = new RoomBus(this, context.owner().eventBus());
        this.metrics = settings.metrics().forRoom(spec);
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
                .put("droppedTicks", droppedTicks).put("ticking", ticking)));
        return promise.future();
    }

    /**
     * Opens the room's event-bus address. The game and its world are made at the first JOIN, and
     * the clock starts then (a room nobody has joined yet costs no ticks and little memory), driven
     * by its loop's {@link LoopTicker} if {@code schedule}.
     */
    public void start(boolean schedule) {
        this.schedule = schedule;
        bus.open();
        bus.room(RoomEvents.ROOM_CREATED, new JsonObject().put("maxPlayers", spec.maxPlayers())
                .put("tickHz", spec.tickHz()).put("snapshotHz", spec.snapshotHz()));
    }

    /**
     * Makes the game (its {@code onCreate}), its world, the snapshot ring and the encoders, once;
     * false if the room is disposed (also when the game failed here).
     */
    private boolean materialize() {
        if (disposed || game != null) {
            return !disposed;
        }
        frames = new ControlFrames();
        world = new World();
        host = new GameHost(this, world);
        inbound = new Inbound(this);
        try {
            game = spec.newGame();
            game.onCreate(host);
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
        world.freeze();
        ring = new SnapshotRing(RING_SIZE, world.schemas());
        schemaFrame = frames.schema(world.schemas());
        return true;
    }

    /** True once the game and its world exist (the first JOIN made them). */
    public boolean materialized() {
        return ring != null;
    }

    /** Seats {@code session}; it gets WELCOME and SCHEMA now and a full snapshot at the next broadcast. */
    public void join(Session session) {
        materialize(); // if the game failed, the room is disposed and the seat refuses the session (4005)
        seats.join(session);
        if (!ticking && !disposed && seats.players() > 0) {
            ticking = true;
            if (schedule) {
                LoopTicker.on(context).add(this, nanoClock);
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
        if (!spectators.remove(session)) {
            drain(session);
            seats.leave(session);
        }
    }

    /** The player's connection dropped: keep its seat and entity for the grace period. */
    public void drop(Session session) {
        if (!spectators.remove(session)) {
            drain(session);
            seats.drop(session);
        }
    }

    /**
     * Adds {@code session} as a spectator: WELCOME (no seat, no entity) and SCHEMA now, then every
     * snapshot, without a seat; the game never hears of it (docs/PROTOCOL.md, "Spectators").
     */
    public void watch(Session session) {
        if (!materialize() || !spectators.add(session)) {
            session.link.close(Protocol.CLOSE_ROOM_CLOSED, disposed ? "room closed" : "too many spectators");
            return;
        }
        session.link.send(frames.welcome(id, spec, session));
        session.link.send(schemaFrame);
    }

    /** Closes player {@code playerId} with 4012 and frees its seat; false if the seat is empty. */
    public boolean kick(int playerId) {
        Session s = playerId >= 0 && playerId < spec.maxPlayers() ? seats.at(playerId) : null;
        if (s == null || disposed) {
            return false;
        }
        LOG.info("room {} ({}): player {} kicked by an operator", id, spec.name(), playerId);
        if (s.dropped() || s.link.closed()) {
            seats.leave(s);
        } else {
            s.link.close(Protocol.CLOSE_KICKED, "kicked by an operator");
        }
        return true;
    }

    /** Handles one client message of a joined session (anything but its JOIN). */
    public void onMessage(Session session, Buffer message) {
        if (!disposed && seats.holds(session)) {
            inbound.dispatch(session, message);
        }
    }

    /**
     * Handles the messages waiting in {@code session}'s inbox, in order; the socket's loop queues
     * them there ({@link Session#offer}), and the room takes them at each step, or at once when the
     * socket's loop asks (anything but INPUT). Messages of a session not yet seated wait. A
     * spectator's inbox holds only PINGs (its connection drops the rest), which are answered.
     */
    public void drain(Session session) {
        if (disposed) {
            return;
        }
        boolean seated = seats.holds(session);
        if (!seated && !spectators.contains(session)) {
            return;
        }
        Buffer message;
        while ((message = session.inbox.poll()) != null) {
            if (session.link.closed()) {
                session.inbox.clear();
                return;
            }
            if (seated) {
                inbound.dispatch(session, message);
            } else {
                inbound.dispatchSpectator(session, message);
            }
        }
    }

    private void drainAll() {
        Session[] sessions = seats.sessions();
        for (int i = 0; i < sessions.length; i++) {
            Session s = sessions[i];
            if (s != null && !s.inbox.isEmpty()) {
                drain(s);
            }
        }
    }

    void welcome(Session session) {
        session.link.send(frames.welcome(id, spec, session));
        session.link.send(schemaFrame);
    }

    /** A server-side message for the game (from the event bus); true if the game took it. */
    boolean serverMessage(Map<String, Object> message) {
        if (!materialize()) {
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
        if (disposed || !materialized()) {
            return;
        }
        long startNs = System.nanoTime();
        drainAll();
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
            if (spectators.count() > 0) {
                broadcaster.broadcast(snapshot, ring, spectators.sessions(), nanoClock.getAsLong());
            }
        }
        counters.tickNs = System.nanoTime() - startNs;
        metrics.onTick(this, counters.tickNs);
    }

    void addDroppedTicks(long n) {
        droppedTicks += n;
    }

    /** The loop's driver ran {@code n} of this room's steps late, back to back, to catch up. */
    void addLateSteps(long n) {
        lateSteps += n;
    }

    /** Stops the room: closes every player with {@code code}, calls the game's onDispose, publishes the end. */
    public void dispose(short code, String reason) {
        if (disposed) {
            return;
        }
        disposed = true;
        if (ticking && schedule) {
            LoopTicker.on(context).remove(this);
        }
        seats.closeAll(code, reason);
        spectators.closeAll(code, reason);
        metrics.onDisposed(this);
        try {
            if (game != null) {
                game.onDispose();
            }
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
        if (!disposed && frames != null) {
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

    /** The schemas of the room's tables (read-only; none before the first JOIN). */
    public List<Schema> schemas() {
        return world == null ? List.of() : world.schemas();
    }

    /** The broadcaster's counters. */
    public Broadcaster broadcaster() {
        return broadcaster;
    }

    /** The session in {@code seat}, or null. */
    public Session session(int seat) {
        return seats.at(seat);
    }

    /** Seated players whose connection dropped and who may still resume. */
    public int droppedPlayers() {
        return seats.droppedCount();
    }

    /** Spectators watching the room. */
    public int spectators() {
        return spectators.count();
    }

    /** The room's counters of inputs, game messages and reconnections. */
    public RoomCounters counters() {
        return counters;
    }

    /** Steps run late, back to back, to catch up with the schedule. */
    public long lateSteps() {
        return lateSteps;
    }

    /** Ticks dropped because the room's loop was too far behind. */
    public long droppedTicks() {
        return droppedTicks;
    }

    /** When the room was created (wall clock, ms). */
    public long createdAtMs() {
        return createdAtMs;
    }

    /**
     * The room's figures for the admin page (on the room's thread): players, dropped players,
     * spectators, tick, last tick time and bytes sent so far, with its age.
     */
    public Future<JsonObject> adminInfo() {
        Promise<JsonObject> promise = Promise.promise();
        execute(() -> promise.complete(new JsonObject().put("id", id).put("game", spec.name())
                .put("players", seats.players() - seats.droppedCount()).put("dropped", seats.droppedCount())
                .put("spectators", spectators.count()).put("maxPlayers", spec.maxPlayers()).put("tick", tick)
                .put("tickHz", spec.tickHz()).put("tickMs", counters.tickNs / 1e6)
                .put("bytesSent", broadcaster.bytesSent()).put("droppedTicks", droppedTicks)
                .put("ageMs", System.currentTimeMillis() - createdAtMs).put("disposed", disposed)
                .put("seats", seatList())));
        return promise.future();
    }

    private io.vertx.core.json.JsonArray seatList() {
        io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
        for (int i = 0; i < spec.maxPlayers(); i++) {
            Session s = seats.at(i);
            if (s != null) {
                list.add(new JsonObject().put("playerId", i).put("name", s.name).put("dropped", s.dropped()));
            }
        }
        return list;
    }
}
