package dev.tickcast.wire;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordsTest {
    private static final int MAX = Records.MAX_UPSTREAM_MESSAGE_BYTES;

    @Test
    void shouldWriteTheExamplesOfTheSpec() {
        assertArrayEquals(bytes(0x01, 0x01, 0x07), Records.seq(7));
        assertArrayEquals(bytes(0x03, 0x00), Records.keepAlive());
        assertArrayEquals(bytes(0x04, 0x06, 0xE8, 0x07, 0x03, 0x62, 0x79, 0x65), Records.close(1000, "bye"));
        assertArrayEquals(bytes(0x04, 0x07, 0xA6, 0x1F, 0x04, 0x73, 0x6C, 0x6F, 0x77), Records.close(4006, "slow"));
        assertArrayEquals(bytes(0x02, 0x80, 0x01), Records.header(Records.MESSAGE, 128));
        assertArrayEquals(bytes(0x01, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x07), Records.seq(Integer.MAX_VALUE));
        byte[] header = new byte[Records.MAX_HEADER_BYTES];
        assertEquals(6, Records.writeHeader(header, 0, Records.MESSAGE, Integer.MAX_VALUE));
    }

    @Test
    void shouldCutALongReasonAtACharacterBoundary() {
        byte[] close = Records.close(4006, "é".repeat(100));
        List<String> seen = visit(close(close));
        assertEquals("CLOSE 4006 " + "é".repeat(61), seen.get(1));
    }

    @Test
    void shouldNumberMessagesFromTheSeq() {
        byte[] body = concat(Records.seq(7), bytes(0x02, 0x01, 0x11), bytes(0x02, 0x02, 0x12, 0x00), Records.keepAlive(),
                Records.close(1000, "bye"));
        assertEquals(List.of("SEQ 7", "MESSAGE 7 [17]", "MESSAGE 8 [18, 0]", "KEEPALIVE", "CLOSE 1000 bye"), visit(body));
        assertEquals(body.length, Records.parse(body, 0, body.length, MAX, null));
        assertEquals(0, Records.parse(new byte[0], 0, 0, MAX, null), "an empty body");
    }

    @Test
    void shouldReportTheWholeRecordsOfACutBody() {
        byte[] body = concat(Records.seq(1), bytes(0x02, 0x03, 0x20, 0x01, 0x02), bytes(0x02, 0x80, 0x01, 0x22));
        assertEquals(8, Records.parse(body, 0, body.length, Integer.MAX_VALUE, null));
        assertEquals(8, Records.parse(body, 0, 9, Integer.MAX_VALUE, null), "a varuint cut");
        assertEquals(3, Records.parse(body, 0, 7, Integer.MAX_VALUE, null));
        assertEquals(0, Records.parse(body, 0, 2, Integer.MAX_VALUE, null));
    }

    @Test
    void shouldRefuseMalformedBodies() {
        byte[][] bad = {
            bytes(0x02, 0x01, 0x11),                                  // first record not SEQ
            concat(Records.seq(1), Records.seq(2)),                   // a second SEQ
            concat(Records.seq(1), bytes(0x05, 0x00)),                // unknown kind
            concat(Records.seq(1), bytes(0x00, 0x00)),                // unknown kind 0
            concat(Records.seq(1), bytes(0x02, 0x00)),                // empty MESSAGE
            concat(Records.seq(1), bytes(0x03, 0x01, 0x00)),          // KEEPALIVE with a payload
            bytes(0x01, 0x02, 0x01, 0x00),                            // SEQ varuint not filling its payload
            bytes(0x01, 0x01, 0x00),                                  // SEQ 0
            bytes(0x01, 0x01, 0x81),                                  // SEQ varuint cut inside its payload
            bytes(0x01, 0x00),                                        // SEQ with no payload
            concat(Records.seq(1), Records.close(1000, ""), Records.keepAlive()), // CLOSE not last
            concat(Records.seq(1), bytes(0x04, 0x03, 0xE8, 0x07, 0x01)),          // reason past the payload
            concat(Records.seq(1), bytes(0x04, 0x04, 0xE8, 0x07, 0x01, 0xC3)),    // reason not UTF-8
            concat(Records.seq(1), bytes(0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)),    // length over 2^31-1
            concat(Records.seq(1), bytes(0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)), // varuint of 6 bytes
            concat(Records.seq(Integer.MAX_VALUE), bytes(0x02, 0x01, 0x11, 0x02, 0x01, 0x11)), // numbers past 2^31-1
        };
        for (int i = 0; i < bad.length; i++) {
            assertEquals(Records.MALFORMED, Records.parse(bad[i], 0, bad[i].length, MAX, null), "case " + i);
        }
    }

    @Test
    void shouldRefuseAMessageOverTheLimitBeforeItArrives() {
        byte[] body = concat(Records.seq(1), Records.header(Records.MESSAGE, MAX + 1), new byte[10]);
        assertEquals(Records.TOO_BIG, Records.parse(body, 0, body.length, MAX, null));
        byte[] fits = concat(Records.seq(1), Records.header(Records.MESSAGE, MAX), new byte[MAX]);
        assertEquals(fits.length, Records.parse(fits, 0, fits.length, MAX, null));
    }

    @Test
    void shouldReadWithinTheGivenRange() {
        byte[] body = concat(bytes(0x55, 0x55), Records.seq(3), bytes(0x02, 0x01, 0x11), bytes(0x77));
        assertEquals(6, Records.parse(body, 2, 6, MAX, null));
    }

    private static byte[] close(byte[] close) {
        return concat(Records.seq(1), close);
    }

    private static List<String> visit(byte[] body) {
        List<String> seen = new ArrayList<>();
        int result = Records.parse(body, 0, body.length, MAX, new Records.Visitor() {
            @Override
            public void onSeq(int first) {
                seen.add("SEQ " + first);
            }

            @Override
            public void onMessage(int number, byte[] b, int offset, int length) {
                int[] values = new int[length];
                for (int i = 0; i < length; i++) {
                    values[i] = b[offset + i] & 0xFF;
                }
                seen.add("MESSAGE " + number + " " + Arrays.toString(values));
            }

            @Override
            public void onKeepAlive() {
                seen.add("KEEPALIVE");
            }

            @Override
            public void onClose(int code, String reason) {
                seen.add("CLOSE " + code + " " + reason);
            }
        });
        assertEquals(body.length, result);
        return seen;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
