package dev.tickcast.game.testing;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.game.MessageWriter;
import dev.tickcast.game.RoomContext;
import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.Views;
import dev.tickcast.game.rewind.RewoundWorld;
import dev.tickcast.game.rewind.ViewStamp;
import dev.tickcast.game.driver.Admission;
import dev.tickcast.game.driver.GameDriver;
import dev.tickcast.game.driver.Verdict;
import dev.tickcast.state.SnapshotRing;
import dev.tickcast.state.World;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A room without a server, for unit tests of a game and for tools: it drives the {@link Game}
 * through the engine's own {@link GameDriver}, so the game meets the same rules as in a real room
 * (the seat limit, {@code onJoinRequest}, increasing input sequences, the game-message limits both
 * ways), on the caller's thread, and records the game messages the game sends and the events it
 * publishes. Deterministic: no clock, no threads.
 *
 * <pre>{@code
 * LocalRoom room = LocalRoom.create(TankGame.SPEC, 42);
 * int tank = room.join("ann");
 * room.message(0, TankGame.FIRE, new byte[] {10});
 * room.step(30);
 * assertEquals(1, room.sent(TankGame.HIT).size());
 * }</pre>
 *
 * <p>Where a real room would close a player's connection (a refused join, input or message), the
 * call returns false (or -1, or the refused {@link Admission}) and {@link #verdict()} and
 * {@link #reason()} tell the close code and reason; the player stays seated until {@link #leave}.
 * A game that throws is a bug, as in a real room: the exception is rethrown from the call that
 * caused it, and every later call but {@link #dispose()} throws IllegalStateException.
 *
 * <p>Lag compensation as in a real room: a snapshot every {@code snapshotEveryTicks} steps, each
 * sent to every seated player (a perfect network; {@link #holdSnapshots} to lose some), so
 * {@link #rewind} judges the stamps given to {@link #input(int, int, int, byte[])} and
 * {@link #message(int, int, int, byte[])} against what was sent and the {@link #latency} told.
 */
public final class LocalRoom implements RoomContext {
    /** A game message the game sent: to whom, its type and payload. */
    public record Sent(int playerId, int type, byte[] payload) {
    }

    /** An event the game published. */
    public record Event(String name, Map<String, Object> data) {
    }

    /** A player the game kicked ({@code RoomContext.kick}), and why. */
    public record Kick(int playerId, String reason) {
    }

    private final GameDriver driver;
    private final Recorder port = new Recorder();
    private final int[] seqs;
    private LocalBroadcast broadcast;
    private int lastEntity = -1;
    private Verdict verdict = Verdict.ACCEPTED;
    private String reason;
    private boolean faultThrown;

    private LocalRoom(GameSpec spec, long seed) {
        this.driver = new GameDriver(spec, "local", seed, port);
        this.seqs = new int[spec.maxPlayers()];
    }

    /** Creates the game of {@code spec} in a room "local" with {@code seed}, as the engine does. */
    public static LocalRoom create(GameSpec spec, long seed) {
        LocalRoom room = new LocalRoom(spec, seed);
        room.driver.create();
        room.rethrow();
        room.broadcast = new LocalBroadcast(room.driver);
        return room;
    }

    /** The game under test. */
    public Game game() {
        return driver.game();
    }

    /** The driver this room runs the game with. */
    public GameDriver driver() {
        return driver;
    }

    /** Seats a guest named {@code name}: {@link #join(Identity)} with {@link Identity#guest}. */
    public int join(String name) {
        return join(Identity.guest(name));
    }

    /**
     * Seats {@code player} in the first free seat; returns its player id (the entity: {@link #lastEntity}).
     * Throws IllegalStateException if the room refuses the player (use {@link #tryJoin} to test a refusal).
     */
    public int join(Identity player) {
        Admission a = tryJoin(player);
        if (!a.admitted()) {
            throw new IllegalStateException("join refused with " + a.closeCode() + ": " + a.reason());
        }
        return a.seat();
    }

    /** Asks to seat a guest named {@code name}: {@link #tryJoin(Identity)} with {@link Identity#guest}. */
    public Admission tryJoin(String name) {
        return tryJoin(Identity.guest(name));
    }

    /**
     * Asks to seat a player as a real room does: the seat limit, then {@code onJoinRequest}, then
     * {@code onJoin}; returns the admission (seat and entity) or the refusal (close code and reason).
     */
    public Admission tryJoin(Identity player) {
        checkRunning();
        Admission a = driver.join(player);
        rethrow();
        verdict = a.verdict();
        reason = a.reason();
        if (a.admitted()) {
            seqs[a.seat()] = 0;
            lastEntity = a.entity();
            broadcast.joined(a.seat());
        }
        return a;
    }

    /** The entity id onJoin returned for the last join. */
    public int lastEntity() {
        return lastEntity;
    }

    /** A player leaves. */
    public void leave(int playerId) {
        checkRunning();
        driver.leave(playerId);
        rethrow();
    }

    /** Sends an input with the player's next sequence number; true if the game took it. */
    public boolean input(int playerId, byte... payload) {
        return input(playerId, seqs[playerId] + 1, payload);
    }

    /**
     * Sends an input with sequence number {@code seq} (later inputs without one continue above the
     * highest sent); true if the room took it, else {@link #verdict()} says why.
     */
    public boolean input(int playerId, int seq, byte[] payload) {
        return input(playerId, seq, ViewStamp.NONE, payload);
    }

    /** As {@link #input(int, int, byte[])}, stamped with the view the player drew ({@link ViewStamp}; 0: none). */
    public boolean input(int playerId, int seq, int view, byte[] payload) {
        checkRunning();
        seqs[playerId] = Math.max(seqs[playerId], seq);
        return took(driver.input(playerId, seq, view, payload, 0, payload.length));
    }

    /** Sends a game message from a player; true if the room took it, else {@link #verdict()} says why. */
    public boolean message(int playerId, int type, byte... payload) {
        return message(playerId, type, ViewStamp.NONE, payload);
    }

    /** As {@link #message(int, int, byte...)}, stamped with the view the player drew ({@link ViewStamp}; 0: none). */
    public boolean message(int playerId, int type, int view, byte[] payload) {
        checkRunning();
        return took(driver.message(playerId, type, view, payload, 0, payload.length));
    }

    /**
     * The player's round trip ({@code rttMs}, -1: unknown) and declared interpolation delay, as a
     * server measures and reads them: its stamps are judged with them (unknown and 0 until told).
     */
    public void latency(int playerId, int rttMs, int viewDelayMs) {
        driver.latency(playerId, rttMs, viewDelayMs);
    }

    /**
     * Every {@code snapshotEveryTicks} steps the room captures a snapshot and sends it to every
     * seated player over a perfect network, but not, while {@code held}, to this one (a lost link:
     * to test stamps naming a snapshot it never got).
     */
    public void holdSnapshots(int playerId, boolean held) {
        broadcast.hold(playerId, held);
    }

    /** The snapshots captured so far (the last 64), as a server room's ring. */
    public SnapshotRing snapshots() {
        return broadcast.ring();
    }

    /** The verdict on the last join, input or message: ACCEPTED, or why a real room would close the player. */
    public Verdict verdict() {
        return verdict;
    }

    /** The close reason of the last refused join, input or message (null after an accepted one). */
    public String reason() {
        return reason;
    }

    /** Sends a server-side message (as over the event bus); returns whether the game took it. */
    public boolean serverMessage(Map<String, Object> message) {
        checkRunning();
        boolean took = driver.serverMessage(message);
        rethrow();
        return took;
    }

    /** Runs {@code steps} fixed steps. */
    public void step(int steps) {
        checkRunning();
        for (int i = 0; i < steps; i++) {
            if (driver.step()) {
                broadcast.stepped();
            }
            rethrow();
        }
    }

    /** Ends the game ({@code onDispose}), as a closing room does; later calls throw IllegalStateException. */
    public void dispose() {
        driver.dispose();
        rethrow();
    }

    /** Every game message sent so far, in order (one entry per recipient). */
    public List<Sent> sent() {
        return Collections.unmodifiableList(port.sent);
    }

    /** The game messages of {@code type} sent so far. */
    public List<Sent> sent(int type) {
        return port.sent.stream().filter(s -> s.type == type).toList();
    }

    /** Every kick the game asked for, in order (a real room closes the player with 4012; here it stays until {@link #leave}). */
    public List<Kick> kicks() {
        return Collections.unmodifiableList(port.kicks);
    }

    /** Every mark the game made ({@code RoomContext.mark}), in order, whether or not its spec records. */
    public List<String> marks() {
        return Collections.unmodifiableList(port.marks);
    }

    /** Every event published so far, in order. */
    public List<Event> events() {
        return Collections.unmodifiableList(port.events);
    }

    @Override
    public String roomId() {
        return driver.context().roomId();
    }

    @Override
    public GameSpec spec() {
        return driver.context().spec();
    }

    @Override
    public long seed() {
        return driver.context().seed();
    }

    @Override
    public World world() {
        return driver.world();
    }

    @Override
    public int tick() {
        return driver.tick();
    }

    @Override
    public Identity identity(int playerId) {
        return driver.context().identity(playerId);
    }

    @Override
    public boolean kick(int playerId, String reason) {
        return driver.context().kick(playerId, reason);
    }

    @Override
    public Views interest(InterestSpec spec) {
        return driver.context().interest(spec);
    }

    @Override
    public RewoundWorld rewind(int playerId) {
        return driver.context().rewind(playerId);
    }

    /** The interest the game declared (its spec, and the views it sets per player id), or null for a whole-world game. */
    public Interest interest() {
        return driver.interest();
    }

    @Override
    public MessageWriter message(int type) {
        return driver.context().message(type);
    }

    @Override
    public void publish(String name, Map<String, Object> data) {
        driver.context().publish(name, data);
    }

    @Override
    public void mark(String text) {
        driver.context().mark(text);
    }

    private boolean took(Verdict v) {
        rethrow();
        verdict = v;
        reason = v.accepted() ? null : driver.reason();
        return v.accepted();
    }

    private void checkRunning() {
        if (driver.disposed()) {
            throw new IllegalStateException("the room is disposed");
        }
        if (port.fault != null) {
            throw new IllegalStateException("the game failed in " + port.faultIn + "; a real room closed with 1011", port.fault);
        }
    }

    /** Rethrows, once, the exception the game threw during the last call. */
    private void rethrow() {
        if (port.fault != null && !faultThrown) {
            faultThrown = true;
            throw port.fault;
        }
    }
}
