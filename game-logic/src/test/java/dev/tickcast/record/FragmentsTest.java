package dev.tickcast.record;

import dev.tickcast.state.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broadcast's forms of a fragment: keyframe alone, delta form, and back; a viewer starting at any fragment. */
class FragmentsTest {
    @Test
    void shouldSplitAFragmentIntoItsKeyframeAndItsDeltaFormAndBack() {
        ArenaRecording rec = ArenaRecording.record(ArchiveRoundTripTest.CHAT_FRAME, ArchiveRoundTripTest.GAME_FRAME);
        for (byte[] block : rec.blocks) {
            int[] full = Fragments.full(block);
            byte[] delta = Fragments.withoutFull(block);
            assertNull(Blocks.check(delta, 0, delta.length));
            assertNull(Fragments.full(delta));
            assertEquals(Fragments.number(block), Fragments.number(delta));
            assertEquals(Fragments.startTick(block), Fragments.startTick(delta));
            assertEquals(Fragments.lastTick(block), Fragments.lastTick(delta));
            assertTrue(delta.length < block.length - full[1]);
            assertArrayEquals(block, Fragments.withFull(delta, block, full[0], full[1]));
            assertArrayEquals(delta, Fragments.withoutFull(delta));
        }
        assertEquals(List.of(30, 60, 90), rec.blocks.stream().map(Fragments::lastTick).toList());
    }

    @Test
    void shouldPlayFromAnyFragmentGivenItsKeyframeAndTheDeltasFromIt() {
        ArenaRecording rec = ArenaRecording.record(ArchiveRoundTripTest.CHAT_FRAME, ArchiveRoundTripTest.GAME_FRAME);
        List<Snapshot> states = rec.recorder.states();
        for (int n = 0; n < rec.blocks.size(); n++) {
            byte[] first = rec.blocks.get(n);
            int[] full = Fragments.full(first);
            byte[] keyframe = Arrays.copyOfRange(first, full[0], full[0] + full[1]);
            int[] i = {states.indexOf(ArchiveRoundTripTest.stateAt(states, Fragments.startTick(first)))};
            int from = n;
            BroadcastPlayer player = new BroadcastPlayer(rec.head,
                    s -> ArchiveRoundTripTest.assertSame(states.get(i[0]++), s, "from " + from + ", state " + i[0]));
            assertTrue(player.start(n, keyframe, 0, keyframe.length));
            for (int k = n; k < rec.blocks.size(); k++) {
                assertTrue(player.append(Fragments.withoutFull(rec.blocks.get(k))), player.error());
            }
            assertEquals(states.size(), i[0]);
            assertFalse(player.append(Fragments.withoutFull(rec.blocks.get(0))));
        }
    }

    @Test
    void shouldRefuseWhatIsNotAWholeFragmentBlock() {
        byte[] block = ArenaRecording.record(ArchiveRoundTripTest.CHAT_FRAME, ArchiveRoundTripTest.GAME_FRAME).blocks.get(0);
        byte[] bad = block.clone();
        bad[bad.length - 1] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> Fragments.withoutFull(bad));
        assertThrows(IllegalArgumentException.class, () -> Fragments.full(Arrays.copyOf(block, block.length - 1)));
    }
}
