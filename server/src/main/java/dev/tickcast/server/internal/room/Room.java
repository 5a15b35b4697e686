package dev.tickcast.server.internal.room;

import dev.tickcast.delta.CellBroadcast;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.rewind.LagCompensator;
import dev.tickcast.game.rewind.SentSnapshots;
import dev.tickcast.server.internal.broadcast.Broadcast;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.SnapshotRing;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * One room's loop: a step drains the players' inputs, runs the game one fixed step ({@link GameHost})
 * and, when a snapshot is due, hands it to the {@link BroadcastStage}. The rest is in parts given only
 * what they use ({@link Sessions}, {@link Seats}, {@link RoomBus}, {@link RoomStats}). Bound to one
 * event-loop context: every method but {@link #execute}, {@link #id()}, {@link #spec()} and
 * {@link #stats()} runs on it. The game's kicks are carried out after each call into it returns
 * ({@link Seats#settleKicks}), never from inside it. A room nobody joins holds no game, world or ring; an exception from
 * game code closes this room (1011), and only it.
 */
public final class Room implements RoomEntry {
    private final String id;
    private final GameSpec spec;
    private final Context context;
    private final RoomSettings settings;
    private final RoomMetrics metrics;
    private final RoomBus bus;
    private final GameHost host;
    private final Seats seats;
    private final Spectators spectators = new Spectators();
    private final Sessions sessions;
    private final Broadcaster broadcast;
    private final RoomStats stats;
    private final RoomRecorder recorder;
    private SnapshotRing ring;
    private Runnable stopStepping; // set when the first player is seated (a no-op if not scheduled): the room ticks
    private boolean schedule;
    private boolean disposed;

    /** A room for {@code spec} on {@code context}; call {@link #start} on that context. */
    public Room(String id, GameSpec spec, Context context, long seed, RoomSettings settings, RoomListener listener) {
        this.id = id;
        this.spec = spec;
        this.context = context;
        this.settings = settings;
        this.metrics = settings.metrics().forRoom(spec);
        this.recorder = new RoomRecorder(settings.recordings(), id, spec, this::tick);
        this.bus = new RoomBus(context.owner().eventBus(), id, spec, this::tick, recorder);
        Outbound outbound = new Outbound();
        this.host = new GameHost(id, spec, seed, bus, outbound, recorder, () -> {
            if (!disposed) { // the game failed (its host logged why): close the room, leave the directory
                dispose(Protocol.CLOSE_INTERNAL_ERROR, "game error");
                listener.onDisposed(this);
            }
        });
        this.seats = new Seats(host, bus, new Seats.SeatListener((token, seat) -> listener.onJoined(this, seat, token),
                (token, graceMs) -> listener.onDropped(this, token, graceMs), token -> listener.onSeatFreed(this, token)),
                settings.reconnectGraceMs() * 1_000_000L, settings.nanoClock(), outbound);
        this.sessions = new Sessions(host, seats, spectators, recorder);
        this.broadcast = new Broadcaster(settings.slowConsumerTimeoutMs() * 1_000_000L, outbound);
        if (recorder.on()) {
            broadcast.recorder(recorder);
        }
        this.stats = new RoomStats(id, spec, settings.nanoClock(), host, seats, spectators, broadcast);
    }

    /** The room id (immutable; any thread). */
    public String id() {
        return id;
    }

    /** The game spec (immutable; any thread). */
    public GameSpec spec() {
        return spec;
    }

    @Override
    public void execute(Runnable task) {
        if (Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /** Opens the room's event-bus address; its loop steps it from the first JOIN on if {@code schedule}. */
    public void start(boolean schedule) {
        this.schedule = schedule;
        bus.open(message -> {
            boolean taken = materialize() && host.driver().serverMessage(message);
            seats.settleKicks();
            return taken;
        });
    }

    @Override
    public void join(Session session) {
        materialize(); // if the game failed, the room is disposed and the seat refuses the session (4005)
        sessions.join(session);
        seats.settleKicks();
        if (stopStepping == null && !disposed && seats.players() > 0) {
            stopStepping = schedule ? LoopTicker.on(context).add(this::step, stats, spec.tickHz(), settings.nanoClock()) : () -> { };
        }
    }

    @Override
    public void resume(Session session, int playerId) {
        sessions.resume(session, playerId);
    }

    @Override
    public void leave(Session session) {
        sessions.leave(session);
        seats.settleKicks();
    }

    @Override
    public void drop(Session session) {
        sessions.drop(session);
        seats.settleKicks();
    }

    @Override
    public void watch(Session session) {
        sessions.watch(session, materialize());
    }

    @Override
    public void drain(Session session) {
        sessions.drain(session);
        seats.settleKicks();
    }

    /** Runs one fixed step, and a broadcast when one is due (its loop calls it; tests too). */
    public void step() {
        if (disposed || ring == null) {
            return;
        }
        long startNs = System.nanoTime(); // a duration of CPU work: the system's clock, whatever the room's
        sessions.drainSeated();
        if (disposed || !host.driver().step()) {
            return;
        }
        int tick = host.tick();
        seats.expireDropped();
        seats.settleKicks(); // the kicks of the inputs, the step and the leaves, once the game has returned
        if (tick % spec.snapshotEveryTicks() == 0) {
            Snapshot snapshot = ring.capture(host.world(), tick);
            settings.observer().onSnapshot(this, snapshot);
            broadcast.broadcast(snapshot, ring, seats.sessions(), spectators.sessions(), settings.nanoClock().getAsLong());
        }
        stats.stepNs = System.nanoTime() - startNs;
        metrics.onStep(stats.refresh(stopStepping != null, disposed));
    }

    /** Stops the room: closes every client with {@code code}, calls the game's onDispose, publishes the end. */
    public void dispose(short code, String reason) {
        if (disposed) {
            return;
        }
        disposed = true;
        if (stopStepping != null) {
            stopStepping.run();
        }
        sessions.closeAll(code, reason);
        recorder.close();
        metrics.onDisposed(stats.refresh(stopStepping != null, disposed));
        host.dispose();
        bus.close(code, reason);
    }

    /** Closes player {@code playerId} with 4012 and frees its seat; false if the seat is empty. */
    public boolean kick(int playerId) {
        boolean kicked = seats.kick(playerId);
        seats.settleKicks();
        return kicked;
    }

    /** Sends {@code text} to every player as a system chat line (an announcement). */
    public void announce(String text) {
        sessions.announce(text);
    }

    /** The room's figures now, with its seats, copied on the room's thread (any thread; {@link RoomJson}). */
    public Future<RoomStats> stats() {
        return Future.future(promise -> execute(() -> promise.complete(stats.refresh(stopStepping != null, disposed).copy())));
    }

    /**
     * Ends when the room's recording is on the disk to its end (index and trailer), after
     * {@link #dispose}; at once in a room that does not record. Any thread.
     */
    public Future<Void> recorded() {
        return Future.future(promise -> execute(() -> recorder.finished().onComplete(promise)));
    }

    /** The room's delayed broadcast over HTTP (docs/PROTOCOL.md, "Delayed broadcast"), or null if it has none (any thread). */
    public Broadcast broadcast() {
        return recorder.cast();
    }

    /** The room's recorder (tests; it does nothing in a room that does not record). */
    RoomRecorder recorder() {
        return recorder;
    }

    /** The current tick. */
    public int tick() {
        return host.tick();
    }

    /** The number of seated players, dropped ones included. */
    public int players() {
        return seats.players();
    }

    /** Spectators watching the room. */
    public int spectators() {
        return spectators.count();
    }

    /** The session in {@code seat}, or null. */
    public Session session(int seat) {
        return seats.at(seat);
    }

    /**
     * Makes the game, its world, the ring, the record of what each seat was sent (for lag
     * compensation) and the frames, once; false if the room is disposed.
     */
    private boolean materialize() {
        if (!disposed && !host.created() && host.create(seats)) {
            sessions.open(host.world().schemas());
            ring = new SnapshotRing(host.world().schemas());
            Interest interest = host.driver().interest();
            CellBroadcast cells = interest == null ? null : new CellBroadcast(interest, host.world(), spec.maxPlayers());
            if (cells != null) {
                broadcast.useCells(cells);
            }
            SentSnapshots sent = new SentSnapshots(spec.maxPlayers());
            broadcast.record(sent);
            LagCompensator lag = new LagCompensator(spec.tickHz(), settings.lag(), ring, sent, cells);
            host.driver().lagCompensation(lag);
            stats.rewinds(lag);
        }
        return !disposed;
    }
}
