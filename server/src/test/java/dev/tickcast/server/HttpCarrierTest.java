package dev.tickcast.server;

import dev.tickcast.client.Seat;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.InputMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Records;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP binding (docs/PROTOCOL.md 2.1) carrying real sessions over loopback: the join over
 * {@code open}, polling and streaming, acknowledgements that make a lost or cut response lose and
 * duplicate nothing, a retried send delivered once, and the ends of a session (a bad seat, a
 * client's leave, a kick, the server's shutdown, a reconnection).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class HttpCarrierTest {
    static final int WELCOME = Protocol.typeByte(Protocol.WELCOME);
    static final int SCHEMA = Protocol.typeByte(Protocol.SCHEMA);
    static final int SNAPSHOT = Protocol.typeByte(Protocol.SNAPSHOT);
    static final int CHAT = Protocol.typeByte(Protocol.CHAT);

    static ServerFixture arena(Vertx vertx, TickcastOptions options) {
        return new ServerFixture(vertx, options, new GameRegistry().register(ArenaGame.SPEC));
    }

    static TickcastOptions loopback() {
        return TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2);
    }

    /** A player joined over HTTP that has taken its WELCOME. */
    static HttpPlayer joined(Vertx vertx, ServerFixture fixture, String name) {
        HttpPlayer p = new HttpPlayer(vertx, fixture.port());
        Seat seat = HttpPlayer.seat(vertx, fixture.port(), "arena", name);
        assertEquals(200, p.open(seat.token()).status());
        assertTrue(p.pollUntil(x -> x.welcome() != null, 20), "WELCOME over polls");
        return p;
    }

    @Test
    void shouldJoinOverOpenAndPollWelcomeSchemaAndSnapshots(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer p = new HttpPlayer(vertx, fixture.port());
        Seat seat = HttpPlayer.seat(vertx, fixture.port(), "arena", "ann");
        HttpPlayer.Answer opened = p.open(seat.token());
        assertEquals(200, opened.status());
        assertEquals(0, opened.body().length);
        assertTrue(p.session.matches("[0-9a-f]{32}"), p.session);
        assertEquals("no-store", opened.headers().get("Cache-Control"));

        HttpPlayer.Answer first = p.poll();
        assertEquals(200, first.status());
        assertEquals(HttpPlayer.MEDIA, first.headers().get("Content-Type"));
        assertEquals("no-store", first.headers().get("Cache-Control"));
        assertEquals("no", first.headers().get("X-Accel-Buffering"));
        assertNotNull(first.headers().get("Content-Length"), "a poll answer has a length");
        assertTrue(p.pollUntil(x -> x.count(Protocol.SNAPSHOT) >= 3, 40), "snapshots over polls: " + p.types());
        assertEquals(List.of(WELCOME, SCHEMA, SNAPSHOT), p.types().subList(0, 3));
        assertEquals(p.messages.size(), p.taken, "numbered from 1, none twice");
        assertEquals(seat.roomId(), p.welcome().roomId());
    }

    @Test
    void shouldStreamSnapshotsAtTheRoomsRate(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer p = new HttpPlayer(vertx, fixture.port());
        p.open(HttpPlayer.seat(vertx, fixture.port(), "arena", "ann").token());
        HttpPlayer.Stream s = p.stream();
        p.await(x -> x.count(Protocol.SNAPSHOT) >= 2);
        String room = p.welcome().roomId();
        int from = fixture.awaitRoom(room, r -> true);
        int snapshotsBefore = (int) p.count(Protocol.SNAPSHOT);
        // the stream client acknowledges with empty sends while records arrive (the session's bytes stay bounded)
        int until = from + 2 * ArenaGame.SPEC.tickHz();
        while (fixture.awaitRoom(room, r -> true) < until) {
            assertEquals(204, p.sendBody(new byte[0]).status());
        }
        p.await(x -> x.count(Protocol.SNAPSHOT) >= snapshotsBefore + 2 * ArenaGame.SPEC.snapshotHz() - 2);
        assertEquals(p.messages.size(), p.taken);
        List<Integer> ticks = snapshotTicks(p);
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(ArenaGame.SPEC.snapshotEveryTicks(), ticks.get(i) - ticks.get(i - 1), "every snapshot: " + ticks);
        }
        Bot.get(s.request()).connection().close();
    }

    @Test
    void shouldGiveTheSameRecordsAgainAfterACutStream(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer p = joined(vertx, fixture, "ann");
        int ack = p.taken;
        HttpPlayer.Stream cut = p.stream();
        p.await(x -> x.count(Protocol.SNAPSHOT) >= 3);
        Bot.get(cut.request()).connection().close();
        Bot.get(cut.ended());
        List<byte[]> firstTime = new ArrayList<>(p.messages.subList(ack, p.messages.size()));

        HttpPlayer again = new HttpPlayer(vertx, fixture.port());
        again.session = p.session;
        again.taken = ack; // as the client that never got the cut response's records
        again.poll();
        assertTrue(again.messages.size() >= 1);
        for (int i = 0; i < Math.min(firstTime.size(), again.messages.size()); i++) {
            assertArrayEquals(firstTime.get(i), again.messages.get(i), "record " + (ack + 1 + i) + " is the same");
        }
    }

    @Test
    void shouldDeliverARetriedSendOnce(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer p = joined(vertx, fixture, "ann");
        byte[] chat = p.frame(new ChatSendMessage("once"));
        byte[] body = HttpPlayer.records(2, chat);
        assertEquals(204, p.sendBody(body).status());
        assertEquals(204, p.sendBody(body).status(), "the same body again: its answer was lost");
        assertEquals(204, p.sendBody(HttpPlayer.records(3, p.frame(new ChatSendMessage("twice")))).status());
        assertTrue(p.pollUntil(x -> x.count(Protocol.CHAT) >= 2, 40));
        p.pollUntil(x -> false, 3);
        assertEquals(2, p.count(Protocol.CHAT), "each line once");
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, gap(p));
    }

    /** A SEQ past the next number expected (a gap) is malformed: 410 and CLOSE 1007. */
    private static int gap(HttpPlayer p) {
        HttpPlayer.Answer a = p.sendBody(HttpPlayer.records(9, p.frame(new InputMessage(1, 0, new byte[] {0}))));
        assertEquals(410, a.status());
        return p.closeCode;
    }

    @Test
    void shouldRefuseASeatTokenUsedAlreadyWith4008(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer first = new HttpPlayer(vertx, fixture.port());
        Seat seat = HttpPlayer.seat(vertx, fixture.port(), "arena", "ann");
        first.open(seat.token());
        assertTrue(first.pollUntil(x -> x.welcome() != null, 20));
        HttpPlayer second = new HttpPlayer(vertx, fixture.port());
        assertEquals(200, second.open(seat.token()).status());
        second.poll();
        assertEquals(Protocol.CLOSE_SEAT_USED, second.closeCode, "one live session per seat, as over WebSocket");
    }

    @Test
    void shouldCloseABadSeatWith4002OnRecv(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer p = new HttpPlayer(vertx, fixture.port());
        assertEquals(200, p.open("not-a-seat-token").status(), "the open is answered whatever the token");
        HttpPlayer.Answer a = p.poll();
        assertEquals(200, a.status());
        assertEquals(Protocol.CLOSE_BAD_SEAT, p.closeCode);
        HttpPlayer.Answer send = p.send(p.frame(new ChatSendMessage("hi")));
        assertEquals(410, send.status());
        assertEquals(Protocol.CLOSE_BAD_SEAT, p.closeCode, "the tombstone answers the CLOSE record");
    }

    @Test
    void shouldLeaveForGoodWithAClientClose(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        Bot.join(vertx, fixture.port(), "bob"); // keeps the room open
        HttpPlayer p = joined(vertx, fixture, "ann");
        String room = p.welcome().roomId();
        assertEquals(2, fixture.<Integer>onRoom(room, r -> r.players()));
        byte[] leave = concat(Records.seq(2), Records.close(1000, "bye"));
        assertEquals(204, p.sendBody(leave).status());
        fixture.awaitRoom(room, r -> r.players() == 1); // left for good: a drop would keep the seat
        p.poll();
        assertEquals(1000, p.closeCode);
    }

    /** The ticks of the SNAPSHOTs a player took, in order. */
    static List<Integer> snapshotTicks(HttpPlayer p) {
        DeltaDecoder header = new DeltaDecoder();
        List<Integer> ticks = new ArrayList<>();
        for (byte[] m : p.messages) {
            if ((m[0] & 0xFF) == SNAPSHOT && header.readHeader(m, 0, m.length) == DeltaDecoder.OK) {
                ticks.add(header.tick());
            }
        }
        return ticks;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
