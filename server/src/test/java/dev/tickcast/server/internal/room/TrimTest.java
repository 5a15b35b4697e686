package dev.tickcast.server.internal.room;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 16 item 17: names and chat lines lose exactly the white space JavaScript's trim() removes
 * (docs/PROTOCOL.md sections 3 and 7.4), U+00A0 and U+FEFF included, and nothing else.
 */
@ExtendWith(VertxExtension.class)
class TrimTest {
    @Test
    void shouldTrimWhatJavaScriptTrimTrims() {
        assertEquals("ann", Trim.trim("\u00A0ann\u00A0"), "no-break space, which String.strip() keeps");
        assertEquals("ann", Trim.trim("\uFEFF\u2003ann\u3000\u202F\u2007"));
        assertEquals("ann", Trim.trim("\t\n\u000B\f\r ann \u2028\u2029\u1680\u205F\u200A"));
        assertEquals("", Trim.trim("\u00A0\uFEFF \u2000"));
        assertEquals("a\u00A0b", Trim.trim(" a\u00A0b "), "inside the name it stays");
        assertEquals("\u0085ann\u200B", Trim.trim("\u0085ann\u200B"), "NEL and the zero-width space are not white space to trim()");
        assertEquals("\u001Fann", Trim.trim("\u001Fann"), "nor the information separators, which strip() removes");
        assertEquals("\uD83C\uDFAE", Trim.trim(" \uD83C\uDFAE "));
    }

    @Test
    void shouldDropAChatLineOfNoBreakSpaces(Vertx vertx) {
        Room room = new Room("t", ArenaGame.SPEC, vertx.getOrCreateContext(), 1, new RoomSettings(() -> 1, 10_000, 15_000),
                new RoomListener() {
                    @Override
                    public void onSeatFreed(Room r, String token) {
                    }

                    @Override
                    public void onDisposed(Room r) {
                    }
                });
        room.start(false);
        MemoryLink ann = new MemoryLink();
        MemoryLink bob = new MemoryLink();
        room.join(new Session(ann, "ann"));
        room.join(new Session(bob, "bob"));
        int before = bob.sent.size();
        send(room, chatSend("\u00A0\u00A0\uFEFF"));
        assertEquals(before, bob.sent.size(), "an empty line after trimming is dropped");
        send(room, chatSend("\u00A0gg\u00A0"));
        assertEquals(before + 1, bob.sent.size());
        String relayed = bob.sent.get(before).toString(StandardCharsets.UTF_8);
        assertEquals(true, relayed.endsWith("gg"), "relayed trimmed: " + relayed);
        assertEquals(0, ann.closeCode);
    }

    /** Player 0's message, queued and taken as its socket's loop and the room do. */
    private static void send(Room room, Buffer message) {
        room.session(0).offer(message);
        room.drain(room.session(0));
    }

    private static Buffer chatSend(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer().appendByte((byte) Protocol.typeByte(Protocol.CHAT_SEND)).appendByte((byte) bytes.length)
                .appendBytes(bytes);
    }
}
