package dev.tickcast.server.room;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.World;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.PingMessage;
import dev.tickcast.wire.PongMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import dev.tickcast.wire.WelcomeMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongSupplier;

/**
 * Hosts one {@link Game}: its players, its fixed-step tick and its snapshot broadcast.
 *
 * <p><b>Threading.</b> A room is a plain object bound to one Vert.x event-loop context; every method
 * except {@link #execute}, {@link #id()}, {@link #spec()} and {@link #info()} must run on that
 * context, and {@link #execute} is how other threads get there. Sockets are accepted round-robin by
 * every event loop, so a player's socket may live on another loop: its messages hop to the room
 * with one task each, while the room writes to it directly (Vert.x 5 queues writes from any thread).
 * Many rooms share each loop. The alternative, one verticle per room behind a gateway, costs the
 * same hops and more moving parts.
 *
 * <p><b>Faults.</b> An exception from game code is a bug in the game: the room logs it once,
 * closes its players with 1011 and disposes itself; other rooms are not affected.
 */
public final class Room {
    private static final Logger LOG = LoggerFactory.getLogger(Room.class);
    private static final int RING_SIZE = 64;

    private final String id;
    private final GameSpec spec;
    private final Context context;
    private final RoomListener listener;
    private final long seed;
    private final Game game;
    private final World world = new World();
    private final Session[] seats;
    private final TickDriver driver;
    private final Broadcaster broadcaster;
    private final LongSupplier nanoClock;
    private final long reconnectGraceNs;
    private int droppedCount;
    private final Kryo kryo = Messages.newKryo();
    private final Output control = new Output(256, Protocol.MAX_STRING_BYTES * 4);
    private final Input controlIn = new Input();
    private final InputReader inputReader = new InputReader();
    private final byte[] frame = new byte[Protocol.MAX_CLIENT_MESSAGE_BYTES];
    private SnapshotRing ring;
    private Buffer schemaFrame;
    private int tick;
    private int players;
    private long timerId = -1;
    private boolean disposed;

    /** A room for {@code spec} on {@code context}; call {@link #start} on that context. */
    public Room(String id, GameSpec spec, Context context, long seed, RoomSettings settings, RoomListener listener) {
        this.id = id;
        this.nanoClock = settings.nanoClock();
        this.reconnectGraceNs = settings.reconnectGraceMs() * 1_000_000L;
        this.broadcaster = new Broadcaster(settings.slowConsumerTimeoutMs() * 1_000_000L);
        this.spec = spec;
        this.context = context;
        this.seed = seed;
        this.listener = listener;
        this.game = spec.newGame();
        this.seats = new Session[spec.maxPlayers()];
        this.driver = new TickDriver(spec.tickHz(), nanoClock);
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
        if (Context.isOnEventLoopThread() && io.vertx.core.Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
    }

    /** The room's public summary (any thread): id, game, players, maxPlayers, tick. */
    public Future<JsonObject> info() {
        Promise<JsonObject> promise = Promise.promise();
        execute(() -> promise.complete(new JsonObject().put("id", id).put("game", spec.name())
                .put("players", players).put("maxPlayers", spec.maxPlayers()).put("tick", tick)
                .put("droppedTicks", driver.droppedTicks())));
        return promise.future();
    }

    /** Creates the game world and, if {@code schedule}, starts the tick timer. */
    public void start(boolean schedule) {
        if (!guard(() -> game.onCreate(world, seed))) {
            return;
        }
        world.freeze();
        ring = new SnapshotRing(RING_SIZE, world.schemas());
        schemaFrame = frame(new SchemaMessage(world.schemas()));
        driver.start();
        if (schedule) {
            scheduleNext();
        }
    }

    /** Seats {@code session}; it gets WELCOME and SCHEMA now and a full snapshot at the next broadcast. */
    public void join(Session session) {
        int seat = freeSeat();
        if (disposed || seat < 0) {
            session.link.close(Protocol.CLOSE_ROOM_CLOSED, disposed ? "room closed" : "room full");
            listener.onSeatFreed(this, session.reconnectToken);
            return;
        }
        String refusal = callJoinRequest(session.name);
        if (disposed) {
            return;
        }
        if (refusal != null) {
            session.link.close(Protocol.CLOSE_POLICY, refusal);
            listener.onSeatFreed(this, session.reconnectToken);
            return;
        }
        session.playerId = seat;
        seats[seat] = session;
        players++;
        int[] entity = {-1};
        if (!guard(() -> entity[0] = game.onJoin(seat, session.name))) {
            return;
        }
        session.entityId = entity[0];
        listener.onJoined(this, seat, session.reconnectToken);
        welcome(session);
    }

    /**
     * Gives a dropped player's seat, entity and input sequence to {@code session}, a new connection
     * that presented the player's reconnection token; it gets WELCOME, SCHEMA and a full snapshot.
     */
    public void resume(Session session, int playerId) {
        Session dropped = playerId >= 0 && playerId < seats.length ? seats[playerId] : null;
        if (disposed || dropped == null || dropped.droppedAtNs == 0) {
            session.link.close(Protocol.CLOSE_SEAT_EXPIRED, "no dropped seat to resume");
            return;
        }
        session.resume(dropped);
        seats[playerId] = session;
        droppedCount--;
        LOG.info("room {}: player {} resumed its seat", id, playerId);
        welcome(session);
    }

    private void welcome(Session session) {
        session.link.send(frame(new WelcomeMessage(Protocol.VERSION, id, spec.name(), session.playerId,
                session.entityId, spec.tickHz(), spec.snapshotEveryTicks())));
        session.link.send(schemaFrame);
    }

    /** The player left for good (it closed normally, or the server closed it for a violation). */
    public void leave(Session session) {
        if (session.playerId < 0 || seats[session.playerId] != session) {
            return;
        }
        if (session.droppedAtNs != 0) {
            droppedCount--;
        }
        seats[session.playerId] = null;
        players--;
        if (!disposed) {
            guard(() -> game.onLeave(session.playerId));
        }
        listener.onSeatFreed(this, session.reconnectToken);
    }

    /** The player's connection dropped: keep its seat and entity for the grace period. */
    public void drop(Session session) {
        if (session.playerId < 0 || seats[session.playerId] != session || session.droppedAtNs != 0) {
            return;
        }
        if (disposed || session.reconnectToken == null) {
            leave(session);
            return;
        }
        session.droppedAtNs = Math.max(1, nanoClock.getAsLong());
        droppedCount++;
        listener.onDropped(this, session.reconnectToken, reconnectGraceNs / 1_000_000L);
    }

    private void expireDropped() {
        long now = nanoClock.getAsLong();
        for (Session s : seats) {
            if (s != null && s.droppedAtNs != 0 && now - s.droppedAtNs > reconnectGraceNs) {
                LOG.info("room {}: player {} did not come back within the grace period", id, s.playerId);
                leave(s);
            }
        }
    }

    /** Handles one client message of a joined session (anything but JOIN). */
    public void onMessage(Session session, Buffer message) {
        if (disposed || session.playerId < 0 || seats[session.playerId] != session) {
            return;
        }
        int length = message.length();
        if (length == 0 || length > frame.length) {
            reject(session, Protocol.CLOSE_INVALID_PAYLOAD, "empty or oversized message");
            return;
        }
        message.getBytes(0, length, frame, 0);
        int type = frame[0] & 0xFF;
        if (type == Protocol.typeByte(Protocol.INPUT)) {
            onInput(session, length);
        } else if (type == Protocol.typeByte(Protocol.PING)) {
            onPing(session, length);
        } else if (type == Protocol.typeByte(Protocol.CHAT_SEND)) {
            onChat(session, length);
        } else if (type == Protocol.typeByte(Protocol.JOIN)) {
            reject(session, Protocol.CLOSE_ALREADY_JOINED, "already joined");
        } else {
            reject(session, Protocol.CLOSE_UNKNOWN_TYPE, "unknown message type " + type);
        }
    }

    private void onInput(Session session, int length) {
        controlIn.setBuffer(frame, 1, length - 1);
        int seq = controlIn.canReadVarInt() ? controlIn.readVarInt(true) : -1;
        if (seq <= session.lastSeq) {
            reject(session, Protocol.CLOSE_INVALID_PAYLOAD, seq < 0 ? "bad input sequence" : "input sequence not increasing");
            return;
        }
        int offset = controlIn.position();
        inputReader.reset(frame, offset, length - offset);
        boolean ok;
        try {
            ok = game.onInput(session.playerId, seq, inputReader);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (!ok) {
            reject(session, Protocol.CLOSE_INVALID_PAYLOAD, "malformed input payload");
            return;
        }
        session.lastSeq = seq;
    }

    private void onPing(Session session, int length) {
        controlIn.setBuffer(frame, 1, length - 1);
        PingMessage ping = kryo.readObject(controlIn, PingMessage.class);
        if (ping == null) {
            reject(session, Protocol.CLOSE_INVALID_PAYLOAD, "malformed ping");
            return;
        }
        session.link.send(frame(new PongMessage(ping.clientTime(), tick)));
    }

    private void onChat(Session session, int length) {
        controlIn.setBuffer(frame, 1, length - 1);
        ChatSendMessage chat = kryo.readObject(controlIn, ChatSendMessage.class);
        if (chat == null) {
            reject(session, Protocol.CLOSE_INVALID_PAYLOAD, "malformed chat");
            return;
        }
        String text = chat.text().strip();
        if (text.isEmpty()) {
            return;
        }
        Buffer relay = frame(new ChatMessage(session.playerId, session.name, text));
        for (Session s : seats) {
            if (s != null) {
                s.link.send(relay);
            }
        }
    }

    private void reject(Session session, short code, String reason) {
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
        if (droppedCount > 0) {
            expireDropped();
        }
        if (tick % spec.snapshotEveryTicks() == 0) {
            Snapshot snapshot = ring.claim();
            snapshot.capture(world, tick);
            listener.onSnapshot(this, snapshot);
            broadcaster.broadcast(snapshot, ring, seats, nanoClock.getAsLong());
        }
    }

    private void onTimer() {
        timerId = -1;
        if (disposed) {
            return;
        }
        int due = driver.dueSteps();
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

    /** Stops the room: closes every player with {@code code} and calls the game's onDispose. */
    public void dispose(short code, String reason) {
        if (disposed) {
            return;
        }
        disposed = true;
        if (timerId >= 0) {
            context.owner().cancelTimer(timerId);
        }
        for (int i = 0; i < seats.length; i++) {
            if (seats[i] != null) {
                seats[i].link.close(code, reason);
                seats[i] = null;
            }
        }
        players = 0;
        try {
            game.onDispose();
        } catch (RuntimeException e) {
            LOG.error("room {}: game failed in onDispose", id, e);
        }
    }

    private String callJoinRequest(String name) {
        String[] refusal = {null};
        guard(() -> refusal[0] = game.onJoinRequest(name, players));
        return refusal[0];
    }

    /** Runs rarely called game code; on an exception, disposes the room with 1011 and returns false. */
    private boolean guard(Runnable gameCall) {
        try {
            gameCall.run();
            return true;
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
    }

    private void fail(RuntimeException e) {
        LOG.error("room {} ({}): game code failed at tick {}; closing the room", id, spec.name(), tick, e);
        dispose(Protocol.CLOSE_INTERNAL_ERROR, "game error");
        listener.onDisposed(this);
    }

    private Buffer frame(Object message) {
        control.reset();
        Messages.write(kryo, control, message);
        return Buffer.buffer(control.position()).appendBytes(control.getBuffer(), 0, control.position());
    }

    private int freeSeat() {
        for (int i = 0; i < seats.length; i++) {
            if (seats[i] == null) {
                return i;
            }
        }
        return -1;
    }

    /** The current tick. */
    public int tick() {
        return tick;
    }

    /** The number of seated players. */
    public int players() {
        return players;
    }

    /** True once disposed. */
    public boolean disposed() {
        return disposed;
    }

    /** The world (for tests and tools on the room's thread). */
    public World world() {
        return world;
    }

    /** The broadcaster's counters. */
    public Broadcaster broadcaster() {
        return broadcaster;
    }

    /** The session in {@code seat}, or null. */
    public Session session(int seat) {
        return seats[seat];
    }
}
