package dev.tickcast.bench.codec;

import dev.tickcast.game.Identity;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.Session;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A room's inbound path: one INPUT, and one GAME_SEND that the game answers with a GAME_MESSAGE to
 * all N players, through the session's inbox and {@code Room.drain} (type-table dispatch, in-place
 * decoding, the game call). {@code -prof gc} shows an INPUT allocates nothing and a game message to N players one
 * shared buffer, not one per player.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class InboundBenchmark {
    @Param({"16", "256"})
    int sessions;

    /** Whether the room reports to a Prometheus registry (a server with metrics on, the default). */
    @Param({"false", "true"})
    boolean metrics;

    private Vertx vertx;
    private Room room;
    private Session sender;
    /** INPUT with its seq as a 5-byte varuint (rewritten in place), view 0 and the payload 0x05. */
    private final Buffer input = Buffer.buffer(new byte[] {(byte) Protocol.typeByte(Protocol.INPUT), 0, 0, 0, 0, 0, 0, 0x05});
    /** GAME_SEND of type 1, view 0, payload 7, 9. */
    private final Buffer message = Buffer.buffer(new byte[] {(byte) Protocol.typeByte(Protocol.GAME_SEND), 1, 0, 7, 9});
    private int seq;
    private int sentThisTick;
    private CountingLink first;

    /** Moves a counter on INPUT; answers game message 1 with message 2 to everyone. */
    public static final class Pong implements Game {
        static final Schema DOT = new Schema("dot");
        static {
            DOT.intField("n", false);
            DOT.freeze();
        }

        private RoomContext room;
        private Table dots;

        @Override
        public void onCreate(RoomContext context) {
            room = context;
            dots = context.world().createTable(DOT);
        }

        @Override
        public int onJoin(int playerId, Identity player) {
            return dots.id(dots.addRow());
        }

        @Override
        public boolean onInput(int playerId, int seq, InputReader in) {
            int b = in.readUnsignedByte();
            return in.complete() && b < 16;
        }

        @Override
        public boolean onMessage(int playerId, int type, InputReader in) {
            int a = in.readUnsignedByte();
            int b = in.readUnsignedByte();
            room.message(2).writeByte(a).writeByte(b).writeVarUInt(playerId).sendToAll();
            return type == 1 && in.complete();
        }

        @Override
        public void step(int tick) {
        }

        @Override
        public void onLeave(int playerId) {
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        vertx = Vertx.vertx();
        MemoryRoom memory = new MemoryRoom(GameSpec.of("pong", Pong::new), vertx, sessions, true, null, metrics);
        room = memory.room;
        first = memory.first;
        sender = room.session(0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        vertx.close();
    }

    /**
     * One INPUT as the server takes it: queued in the session's inbox (as the socket's loop does),
     * then drained by the room (as its step does): dispatch, sequence check, in-place payload read,
     * game call.
     */
    @Benchmark
    public long input() {
        seq++;
        for (int i = 0; i < 4; i++) {
            input.setByte(1 + i, (byte) ((seq >>> (7 * i)) & 0x7F | 0x80));
        }
        input.setByte(5, (byte) (seq >>> 28));
        sender.offer(input);
        room.drain(sender);
        return first.bytes;
    }

    /** One GAME_SEND answered by a GAME_MESSAGE to every player (within the per-tick limit). */
    @Benchmark
    public long gameMessageToAll() {
        if (++sentThisTick == Protocol.MAX_GAME_MESSAGES_PER_TICK) {
            sentThisTick = 0;
            room.step();
        }
        sender.offer(message);
        room.drain(sender);
        return first.bytes;
    }
}
