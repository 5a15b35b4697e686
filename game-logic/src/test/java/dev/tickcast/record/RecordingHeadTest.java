package dev.tickcast.record;

import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The worked examples of docs/PROTOCOL.md 14.3 and 14.4, byte for byte. */
class RecordingHeadTest {
    /** docs/PROTOCOL.md 14.3's head block. */
    static final String HEAD = "01 23 00 00 00 54 43 52 45 43 01 02 05 61 72 65 6E 61 06 72 2D 37 66 33 61 00 A8 DA 76 9B"
            + " 01 00 00 3C 03 F0 01 02 21 00 6F B9 EF 38";

    /** docs/PROTOCOL.md 14.4's fragment block. */
    static final String FRAGMENT = "02 21 00 00 00 07 C8 06 01 05 22 C8 06 00 00 03 00 01 05 22 "
            + "C8 06 03 03 01 04 04 03 61 6E 6E 02 06 04 67 6F 61 6C C9 D7 D0 12";

    @Test
    void shouldWriteTheHeadOfTheSpec() {
        RecordingHead head = RecordingHead.of("arena", "r-7f3a", 1_767_225_600_000L, 60, 3, 240, new byte[] {0x21, 0});
        byte[] block = head.toBlock();
        assertArrayEquals(hex(HEAD), block);
        assertEquals(head, RecordingHead.parse(block, Blocks.HEADER_BYTES, block.length - Blocks.OVERHEAD));
        assertEquals(0, head.schemas().size());
        assertNull(Blocks.check(block, 0, block.length));
    }

    @Test
    void shouldWriteTheFragmentOfTheSpec() {
        FragmentBuilder b = new FragmentBuilder();
        b.begin(7, 840, new byte[] {0x22, (byte) 0xC8, 0x06, 0x00, 0x00});
        b.snapshot(840, new byte[] {0x22, (byte) 0xC8, 0x06, 0x03, 0x03}, 0, 5);
        b.join(841, 4, "ann");
        b.mark(843, "goal");
        byte[] block = b.finish();
        assertArrayEquals(hex(FRAGMENT), block);
        Snapshot state = new Snapshot(List.of());
        DeltaDecoder decoder = new DeltaDecoder();
        assertEquals(DeltaDecoder.OK, decoder.readHeader(block, 10, 5));
        assertEquals(DeltaDecoder.OK, decoder.decodeBody(null, null, state));
        assertEquals(840, state.tick());
    }

    static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }
}
