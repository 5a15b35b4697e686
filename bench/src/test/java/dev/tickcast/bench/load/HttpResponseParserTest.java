package dev.tickcast.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bots' HTTP/1.1 response reader: lengths, chunks split anywhere, keep-alive sequences, bounds. */
class HttpResponseParserTest {
    private final StringBuilder events = new StringBuilder();
    private final HttpResponseParser parser = new HttpResponseParser(new HttpResponseParser.Listener() {
        @Override
        public void head(int status, String session, boolean connectionClose) {
            events.append('[').append(status).append(' ').append(session).append(connectionClose ? " close" : "")
                    .append(']');
        }

        @Override
        public void body(ByteBuf in, int index, int length) {
            events.append(in.toString(index, length, StandardCharsets.US_ASCII));
        }

        @Override
        public void end() {
            events.append("[end]");
        }
    });

    @Test
    void shouldReadResponsesWhateverThePieces() {
        String wire = "HTTP/1.1 200 OK\r\nTickcast-Session: 0123456789abcdef0123456789abcdef\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nX-Accel-Buffering: no\r\n\r\n"
                + "3\r\nabc\r\n1;ext=1\r\nd\r\n0\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 410 Gone\r\ncontent-length: 4\r\nConnection: close\r\n\r\nwxyz";
        String expected = "[200 0123456789abcdef0123456789abcdef][end][200 null]abcd[end][204 null][end][410 null close]wxyz[end]";
        byte[] bytes = wire.getBytes(StandardCharsets.US_ASCII);
        for (int piece = 1; piece <= bytes.length; piece++) {
            events.setLength(0);
            ByteBuf cumulation = Unpooled.buffer();
            for (int at = 0; at < bytes.length; at += piece) {
                cumulation.writeBytes(bytes, at, Math.min(piece, bytes.length - at));
                assertTrue(parser.parse(cumulation), "piece " + piece);
                cumulation.discardReadBytes();
            }
            assertEquals(expected, events.toString(), "pieces of " + piece);
            assertTrue(parser.idle());
        }
    }

    @Test
    void shouldReadABodyUpToTheCloseWithoutLengthOrChunks() {
        ByteBuf in = Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\n\r\nrecords", StandardCharsets.US_ASCII);
        assertTrue(parser.parse(in));
        assertTrue(parser.untilClose());
        assertEquals("[200 null]records", events.toString());
    }

    @Test
    void shouldRefuseMalformedOrUnboundedResponses() {
        List<String> bad = new ArrayList<>(List.of(
                "HTTP/2 200\r\n\r\n",
                "HTTP/1.1 abc OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "0".repeat(100)));
        bad.add("HTTP/1.1 200 OK\r\nX: " + "a".repeat(17 * 1024));
        for (String wire : bad) {
            HttpResponseParser p = new HttpResponseParser(new HttpResponseParser.Listener() {
                @Override
                public void head(int status, String session, boolean connectionClose) {
                }

                @Override
                public void body(ByteBuf in, int index, int length) {
                }

                @Override
                public void end() {
                }
            });
            assertFalse(p.parse(Unpooled.copiedBuffer(wire, StandardCharsets.US_ASCII)), wire.substring(0, Math.min(30, wire.length())));
        }
    }
}
