package dev.tickcast.server.internal.room;

import dev.tickcast.game.Identity;
import dev.tickcast.state.Snapshot;
import io.vertx.core.buffer.Buffer;
import org.jctools.queues.SpscArrayQueue;

/**
 * A player in a room: its connection, its inbox of client messages and what the room knows of the
 * client's state. Owned by the room's thread, but for {@link #offer}, which the socket's loop
 * calls. Invariant: a client only receives a snapshot whose baseline is the last state it
 * received ({@link #lastTick}) and whose predictor, if any, is the state before that
 * ({@link #prevTick}); a client that skipped snapshots (its write queue was full) keeps its old
 * baseline, so the next delta still carries every change, or gets a keyframe once that baseline
 * has left the ring.
 */
public final class Session {
    /** Messages that may wait for the room: the burst of the message limit (120) fits twice over. */
    static final int INBOX_CAPACITY = 256;

    final ClientLink link;
    final SpscArrayQueue<Buffer> inbox = new SpscArrayQueue<>(INBOX_CAPACITY);
    /** Who the player is; a seat taken over keeps the identity it was joined with. */
    Identity identity;
    /** The identity's name (kept for the callers that read only the name). */
    String name;
    final String reconnectToken;
    long droppedAtNs;
    int playerId = -1;
    int entityId = -1;
    int lastTick = Snapshot.NO_TICK;
    int prevTick = Snapshot.NO_TICK;
    long snapshotsSkipped;
    long behindSinceNs;
    /** The interpolation delay (ms) the client declared in its last PING; 0 until one (docs/PROTOCOL.md 7.3). */
    int viewDelayMs;

    /** A session for a guest that claimed a seat under {@code name}. */
    public Session(ClientLink link, String name) {
        this(link, Identity.guest(name), null);
    }

    /** A guest's session whose seat can be resumed with {@code reconnectToken} after a drop. */
    public Session(ClientLink link, String name, String reconnectToken) {
        this(link, Identity.guest(name), reconnectToken);
    }

    /** The session of {@code identity}, whose seat can be resumed with {@code reconnectToken} after a drop. */
    public Session(ClientLink link, Identity identity, String reconnectToken) {
        this.link = link;
        this.identity = identity;
        this.name = identity.name();
        this.reconnectToken = reconnectToken;
    }

    /**
     * Takes over the seat, entity and identity of another session of the same player (a dropped
     * one it resumes, or the older login it replaces); its input sequence stays with the seat, in
     * the driver.
     */
    void resume(Session older) {
        playerId = older.playerId;
        entityId = older.entityId;
        identity = older.identity;
        name = older.name;
    }

    /** True while the player's connection is gone but its seat is kept for a reconnection. */
    boolean dropped() {
        return droppedAtNs != 0;
    }

    /**
     * Queues one client message for the room (the socket's loop is the only producer, the room the
     * only consumer); false if the inbox is full, which only a room stalled for seconds lets happen.
     */
    public boolean offer(Buffer message) {
        return inbox.offer(message);
    }

    /** The client's link (the transport's outbound port). */
    public ClientLink link() {
        return link;
    }

    /** The player's name. */
    public String name() {
        return name;
    }

    /** Who the player is: its verified subject and claims, or a guest's typed name. */
    public Identity identity() {
        return identity;
    }

    /** Snapshots skipped because the client's write queue was full. */
    public long snapshotsSkipped() {
        return snapshotsSkipped;
    }
}
