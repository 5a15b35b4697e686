package dev.tickcast.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's record codec against the examples of PROTOCOL.md section 2.1, whole and piece by piece. */
class RecordReaderTest {
    private static final HexFormat HEX = HexFormat.of().withDelimiter(" ");

    private final List<String> taken = new ArrayList<>();
    private final RecordReader reader = new RecordReader(new RecordReader.Handler() {
        @Override
        public void message(int number, ByteBuf buf, int index, int length) {
            taken.add(number + ":" + ByteBufUtil.hexDump(buf, index, length));
        }

        @Override
        public void close(int code, String reason) {
            taken.add("close " + code + " " + reason);
        }
    });

    @Test
    void shouldWriteTheSpecExamples() {
        ByteBuf leave = Unpooled.buffer();
        HttpRecords.writeSeq(leave, 12);
        HttpRecords.writeClose(leave, 1000, "bye");
        assertEquals("01 01 0c 04 06 e8 07 03 62 79 65", HEX.formatHex(ByteBufUtil.getBytes(leave)));
        ByteBuf input = Unpooled.buffer();
        HttpRecords.writeSeq(input, 7);
        HttpRecords.writeMessage(input, new byte[] {0x11, 0x05, 0x04}, 0, 3);
        assertEquals("01 01 07 02 03 11 05 04", HEX.formatHex(ByteBufUtil.getBytes(input)));
        ByteBuf big = Unpooled.buffer();
        HttpRecords.writeSeq(big, 300);
        assertEquals("01 02 ac 02", HEX.formatHex(ByteBufUtil.getBytes(big)));
    }

    @Test
    void shouldTakeEveryRecordWhateverThePieces() {
        byte[] body = HEX.parseHex("01 01 05 02 03 20 aa bb 03 00 02 01 22 04 07 a6 1f 04 73 6c 6f 77");
        List<String> expected = List.of("5:20aabb", "6:22", "close 4006 slow");
        for (int piece = 1; piece <= body.length; piece++) {
            taken.clear();
            reader.begin();
            for (int at = 0; at < body.length; at += piece) {
                int n = Math.min(piece, body.length - at);
                assertTrue(reader.feed(Unpooled.wrappedBuffer(body), at, n), "piece " + piece);
            }
            reader.end();
            assertEquals(expected, taken, "pieces of " + piece);
        }
    }

    @Test
    void shouldDropAPartialLastRecord() {
        byte[] body = HEX.parseHex("01 01 01 02 01 20 02 05 22 01 02");
        reader.begin();
        assertTrue(reader.feed(Unpooled.wrappedBuffer(body), 0, body.length));
        reader.end();
        reader.begin();
        byte[] next = HEX.parseHex("01 01 02 02 01 22");
        assertTrue(reader.feed(Unpooled.wrappedBuffer(next), 0, next.length));
        assertEquals(List.of("1:20", "2:22"), taken);
    }

    @Test
    void shouldRefuseWhatAReceiverMustTreatAsMalformed() {
        String[] bad = {
            "02 01 20",                 // the first record is not SEQ
            "01 01 01 01 01 02",        // a second SEQ
            "01 01 01 04 02 e8 07 02 01 20", // a CLOSE with no reason length
            "01 01 01 04 03 e8 07 00 03 00", // a record after CLOSE
            "01 01 01 02 00",           // an empty MESSAGE
            "01 01 01 03 01 00",        // a KEEPALIVE with a payload
            "01 02 01 00",              // a SEQ whose varuint does not fill it
            "01 01 01 07 00",           // an unknown kind
            "01 01 01 02 ff ff ff ff 7f", // a length past 2^31-1
        };
        for (String hex : bad) {
            byte[] body = HEX.parseHex(hex);
            reader.begin();
            assertFalse(reader.feed(Unpooled.wrappedBuffer(body), 0, body.length), hex);
        }
        reader.begin();
        assertNull(reader.error(), "begin forgets the error");
    }
}
