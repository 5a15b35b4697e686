package dev.tickcast.server.internal.room;

import dev.tickcast.game.GameSpec;
import dev.tickcast.game.driver.PlayerCounters;
import dev.tickcast.game.rewind.LagCompensator;
import dev.tickcast.game.rewind.ViewReason;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A room's figures, for its metrics and the admin and public views: gauges (players, spectators,
 * tick, the last step's duration, age) and running totals (late and dropped steps, what the
 * players sent, what the broadcast sent). One per room, written on the room's thread only: the
 * room refreshes it after every step and hands it to its {@link RoomMetrics} as it is, so a step
 * allocates nothing for it; another thread gets a {@link #copy} made on the room's thread
 * (the room's {@code stats()}), which also lists the taken seats.
 */
public final class RoomStats implements Cloneable {
    /**
     * One taken seat (in copies only): its player id, the player's name, its verified subject
     * (null for a guest), whether it dropped, the measured round trip in ms (-1: unknown) and the
     * view delay its client declared in its last PING (ms, 0: none).
     */
    public record Seat(int playerId, String name, String subject, boolean dropped, int rttMs, int viewDelayMs) {
    }

    private final String roomId;
    private final GameSpec spec;
    private final LongSupplier clock;
    private final long createdNs;
    private final GameHost game;
    private final Seats seatsPart;
    private final Spectators spectatorsPart;
    private final BroadcastStage broadcast;
    private List<Seat> seats = List.of();
    private LagCompensator lag;
    private long[] rewinds = new long[ViewReason.values().length];
    int players;
    int droppedPlayers;
    int spectators;
    int tick;
    boolean ticking;
    boolean disposed;
    long ageNs;
    long stepNs;
    long droppedTicks;
    long lateSteps;
    long inputs;
    long inputsAccepted;
    long gameMessages;
    long gameMessagesAccepted;
    long reconnections;
    long broadcasts;
    long encodes;
    long encodeNs;
    long snapshotsSent;
    long bytesSent;
    long fullSnapshotsSent;
    long snapshotsSkipped;
    long slowConsumersClosed;
    BuildTimes buildTimes;
    private long[] snapshotBuildNs;
    private int snapshotBuildSamples;

    /** The figures of room {@code roomId}, made now on its {@code clock}, read from its parts. */
    RoomStats(String roomId, GameSpec spec, LongSupplier clock, GameHost game, Seats seats, Spectators spectators,
              BroadcastStage broadcast) {
        this.roomId = roomId;
        this.spec = spec;
        this.clock = clock;
        this.createdNs = clock.getAsLong();
        this.game = game;
        this.seatsPart = seats;
        this.spectatorsPart = spectators;
        this.broadcast = broadcast;
    }

    /** Reads the parts' figures now, with the room's own; returns this. */
    RoomStats refresh(boolean ticking, boolean disposed) {
        this.tick = game.tick();
        this.ticking = ticking;
        this.disposed = disposed;
        this.ageNs = clock.getAsLong() - createdNs;
        this.players = seatsPart.players();
        this.droppedPlayers = seatsPart.droppedCount();
        this.reconnections = seatsPart.reconnections();
        this.spectators = spectatorsPart.count();
        PlayerCounters counters = game.counters();
        if (counters != null) {
            inputs = counters.inputs();
            inputsAccepted = counters.inputsAccepted();
            gameMessages = counters.gameMessages();
            gameMessagesAccepted = counters.gameMessagesAccepted();
        }
        broadcast.report(this);
        if (lag != null) {
            for (ViewReason r : ViewReason.values()) {
                rewinds[r.ordinal()] = lag.judged(r);
            }
        }
        return this;
    }

    /** Reads the rewinds judged by {@code judge}, the room's lag compensation, from now on. */
    void rewinds(LagCompensator judge) {
        lag = judge;
    }

    /** The game's rewinds so far ({@code RoomContext.rewind}: one per message that asked), by how the stamp was judged. */
    public long rewinds(ViewReason reason) {
        return rewinds[reason.ordinal()];
    }

    /** A copy for another thread (call right after {@link #refresh}), with the taken seats. */
    RoomStats copy() {
        try {
            // the figures are primitives; the parts are not read through a copy
            RoomStats copy = (RoomStats) clone();
            copy.seats = List.copyOf(seatsPart.list());
            copy.rewinds = rewinds.clone();
            copy.snapshotBuildNs = buildTimes == null ? null : buildTimes.percentiles();
            copy.snapshotBuildSamples = buildTimes == null ? 0 : buildTimes.samples();
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The time to build one snapshot broadcast for the whole room (every encode and every client's
     * message put together; the writes to the sockets excluded) over the last {@link BuildTimes#WINDOW} broadcasts: {p50, p99, max} in
     * nanoseconds; null before the first broadcast and but in copies.
     */
    public long[] snapshotBuildNs() {
        return snapshotBuildNs == null ? null : snapshotBuildNs.clone();
    }

    /** Broadcasts behind {@link #snapshotBuildNs()}. */
    public int snapshotBuildSamples() {
        return snapshotBuildSamples;
    }

    /** The room's id. */
    public String roomId() {
        return roomId;
    }

    /** The room's game. */
    public GameSpec spec() {
        return spec;
    }

    /** The taken seats (empty but in copies). */
    public List<Seat> seats() {
        return seats;
    }

    /** Seated players, dropped ones included. */
    public int players() {
        return players;
    }

    /** Seated players whose connection dropped and who may still resume. */
    public int droppedPlayers() {
        return droppedPlayers;
    }

    /** Spectators watching. */
    public int spectators() {
        return spectators;
    }

    /** The simulation tick: the number of steps run. */
    public int tick() {
        return tick;
    }

    /** True once the room steps (after its first JOIN). */
    public boolean ticking() {
        return ticking;
    }

    /** True once the room is disposed. */
    public boolean disposed() {
        return disposed;
    }

    /** The room's age on its clock, in nanoseconds. */
    public long ageNs() {
        return ageNs;
    }

    /** The duration of the last step (drain, step, broadcast), in nanoseconds. */
    public long stepNs() {
        return stepNs;
    }

    /** Steps dropped because the room's loop was too far behind. */
    public long droppedTicks() {
        return droppedTicks;
    }

    /** Steps run late, back to back, to catch up with the schedule. */
    public long lateSteps() {
        return lateSteps;
    }

    /** INPUT messages received from seated players. */
    public long inputs() {
        return inputs;
    }

    /** INPUT messages the game took. */
    public long inputsAccepted() {
        return inputsAccepted;
    }

    /** GAME_SEND messages received from seated players. */
    public long gameMessages() {
        return gameMessages;
    }

    /** GAME_SEND messages the game took. */
    public long gameMessagesAccepted() {
        return gameMessagesAccepted;
    }

    /** Dropped players that resumed their seat. */
    public long reconnections() {
        return reconnections;
    }

    /** Broadcasts run: one per snapshot, players and spectators together. */
    public long broadcasts() {
        return broadcasts;
    }

    /** Snapshot messages encoded (at most one per distinct baseline pair per broadcast). */
    public long encodes() {
        return encodes;
    }

    /** Time spent encoding snapshots, in nanoseconds. */
    public long encodeNs() {
        return encodeNs;
    }

    /** Snapshots written to clients. */
    public long snapshotsSent() {
        return snapshotsSent;
    }

    /** Bytes of the snapshots written to clients. */
    public long bytesSent() {
        return bytesSent;
    }

    /** Full snapshots (keyframes) written to clients. */
    public long fullSnapshotsSent() {
        return fullSnapshotsSent;
    }

    /** Snapshots not written because the client's write queue was full. */
    public long snapshotsSkipped() {
        return snapshotsSkipped;
    }

    /** Clients closed for staying behind too long (4006). */
    public long slowConsumersClosed() {
        return slowConsumersClosed;
    }
}
