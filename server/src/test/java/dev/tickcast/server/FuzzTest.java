package dev.tickcast.server;

import dev.tickcast.client.Seat;
import dev.tickcast.client.TickcastClient;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At least 20,000 random and mutated frames over 200 connections (bit flips, truncations, wrong types, lying
 * lengths, fragments, control frames, reserved bits and opcodes) while a clean bot plays: the server
 * stays up, the bot's snapshots keep arriving and stay correct, and every fuzzing connection ends
 * with a documented close code.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class FuzzTest {
    private static final long SEED = 20_261_122L;
    private static final int CONNECTIONS = 200;
    private static final int FRAMES_PER_CONNECTION = 110;
    private static final int BATCH = 20;
    private static final Set<Integer> DOCUMENTED = Set.of(1000, 1002, 1003, 1007, 1008, 1009, 1011,
            4000, 4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008, 4009, 4010, 4011);

    @Test
    void shouldSurviveTwentyThousandHostileFrames(Vertx vertx) {
        ServerFixture fixture = new ServerFixture(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0).withLoadTestLimits()
                .withEventLoops(2).withHandshakeRate(10_000, 10_000).withMessageRate(10_000, 10_000),
                new GameRegistry().register(ArenaGame.SPEC));
        Bot clean = Bot.join(vertx, fixture.port(), "clean");
        String room = clean.welcome().roomId();
        clean.await(s -> clean.snapshotTicks.size() >= 3);
        long playing = vertx.setPeriodic(50, id -> clean.client.sendInput(
                new byte[] {(byte) ArenaInput.encode(clean.snapshotTicks.size() % 3 - 1, 1, false)}));

        TickcastClient matchmaker = new TickcastClient(vertx, "127.0.0.1", fixture.port());
        SplittableRandom rng = new SplittableRandom(SEED);
        TreeMap<Integer, Integer> codes = new TreeMap<>();
        int frames = 0;
        for (int batch = 0; batch < CONNECTIONS / BATCH; batch++) {
            List<RawWebSocket> sockets = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                RawWebSocket raw = RawWebSocket.upgraded(vertx, fixture.port());
                boolean joined = rng.nextBoolean();
                if (joined) {
                    raw.frame(true, 0, RawWebSocket.BINARY, join(matchmaker));
                }
                for (int f = 0; f < FRAMES_PER_CONNECTION && !raw.done(); f++) {
                    sendHostileFrame(raw, rng, joined);
                    frames++;
                }
                sockets.add(raw);
            }
            for (RawWebSocket raw : sockets) {
                if (!raw.done()) {
                    raw.frame(true, 0, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8});
                }
                int code = raw.awaitClose();
                codes.merge(code, 1, Integer::sum);
            }
        }
        assertTrue(frames >= 20_000, "sent " + frames + " frames");
        for (int code : codes.keySet()) {
            assertTrue(DOCUMENTED.contains(code), "undocumented close code " + code + " in " + codes);
        }
        assertTrue(codes.size() >= 5, "the fuzzer reached many distinct failure paths: " + codes);
        LoggerFactory.getLogger(FuzzTest.class).info("{} hostile frames; close codes seen: {}", frames, codes);

        int before = clean.snapshotTicks.size();
        String state = clean.await(s -> clean.snapshotTicks.size() > before + 10 && fixture.state(room, s.tick()) != null);
        int tick = Integer.parseInt(state.substring(5, state.indexOf('\n')));
        assertEquals(fixture.state(room, tick), state, "the clean bot's state is still exact");
        assertFalse(clean.closed.isDone(), "the clean bot was never disconnected");
        int self = clean.welcome().entityId();
        assertTrue(state.lines().anyMatch(l -> l.startsWith("  #" + self + " ") && !l.contains("lastInputSeq=0 ")),
                "the clean bot's inputs were applied");
        assertEveryBroadcast(clean.snapshotTicks);
        vertx.cancelTimer(playing);
        java.lang.ref.Reference.reachabilityFence(matchmaker);
    }

    private static byte[] join(TickcastClient matchmaker) {
        Seat seat = Bot.get(matchmaker.matchmake("arena", "fuzz").toCompletionStage().toCompletableFuture());
        byte[] token = seat.token().getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[3 + token.length];
        frame[0] = (byte) Protocol.typeByte(Protocol.JOIN);
        frame[1] = (byte) Protocol.VERSION;
        frame[2] = (byte) token.length;
        System.arraycopy(token, 0, frame, 3, token.length);
        return frame;
    }

    private static void sendHostileFrame(RawWebSocket raw, SplittableRandom rng, boolean joined) {
        switch (rng.nextInt(11)) {
            case 0 -> raw.frame(true, 0, RawWebSocket.BINARY, random(rng, rng.nextInt(64)));
            case 1 -> raw.frame(true, 0, RawWebSocket.BINARY, mutate(valid(rng), rng));
            case 2 -> raw.frame(true, 0, RawWebSocket.BINARY, truncate(valid(rng), rng));
            case 3 -> raw.frame(true, 0, RawWebSocket.TEXT, random(rng, rng.nextInt(32)));
            case 4 -> raw.lyingFrame(RawWebSocket.BINARY, 1L << (20 + rng.nextInt(40)), random(rng, 8));
            case 5 -> {
                raw.frame(false, 0, RawWebSocket.BINARY, valid(rng));
                raw.frame(rng.nextBoolean(), 0, rng.nextBoolean() ? RawWebSocket.CONTINUATION : RawWebSocket.BINARY,
                        random(rng, rng.nextInt(16)));
            }
            case 6 -> raw.frame(rng.nextInt(4) != 0, 0, RawWebSocket.PING, random(rng, rng.nextInt(140)));
            case 7 -> raw.frame(true, rng.nextInt(8), RawWebSocket.BINARY, valid(rng));
            case 8 -> raw.frame(true, 0, 3 + rng.nextInt(5) + (rng.nextBoolean() ? 8 : 0), random(rng, 4));
            case 9 -> raw.unmaskedFrame(RawWebSocket.BINARY, valid(rng));
            default -> raw.frame(true, 0, RawWebSocket.BINARY, joined ? valid(rng) : random(rng, 1 + rng.nextInt(6000)));
        }
    }

    /** A well-formed client message of a random kind (its sequence numbers are arbitrary). */
    private static byte[] valid(SplittableRandom rng) {
        return switch (rng.nextInt(4)) {
            case 0 -> new byte[] {(byte) Protocol.typeByte(Protocol.INPUT), (byte) (1 + rng.nextInt(120)),
                    (byte) rng.nextInt(128), (byte) ArenaInput.encode(rng.nextInt(3) - 1, rng.nextInt(3) - 1, rng.nextBoolean())};
            case 1 -> new byte[] {(byte) Protocol.typeByte(Protocol.PING), (byte) rng.nextInt(128), (byte) rng.nextInt(128)};
            case 2 -> new byte[] {(byte) Protocol.typeByte(Protocol.CHAT_SEND), 2, 'h', 'i'};
            default -> new byte[] {(byte) Protocol.typeByte(Protocol.JOIN), (byte) Protocol.VERSION, 3, 'a', 'b', 'c'};
        };
    }

    private static byte[] mutate(byte[] frame, SplittableRandom rng) {
        int flips = 1 + rng.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int bit = rng.nextInt(frame.length * 8);
            frame[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return frame;
    }

    private static byte[] truncate(byte[] frame, SplittableRandom rng) {
        return java.util.Arrays.copyOf(frame, rng.nextInt(frame.length));
    }

    private static byte[] random(SplittableRandom rng, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) rng.nextInt(256);
        }
        return bytes;
    }

    private static void assertEveryBroadcast(List<Integer> ticks) {
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(3, ticks.get(i) - ticks.get(i - 1), "the clean bot missed a snapshot");
        }
    }
}
