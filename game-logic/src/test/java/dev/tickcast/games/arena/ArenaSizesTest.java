package dev.tickcast.games.arena;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The size helper runs a decoded, verified stream; it asserts no figure (bench/ reports them). */
class ArenaSizesTest {
    @Test
    void shouldMeasureAVerifiedStreamWithoutPrinting() {
        ArenaSizes.Sizes sizes = ArenaSizes.measure(1L, 16, 40);
        assertEquals(39, sizes.deltas());
        assertTrue(sizes.fullBytes() > 0 && sizes.meanDeltaBytes() > 0);
    }

    @Test
    void shouldBeDeterministic() {
        assertEquals(ArenaSizes.measure(5L, 3, 20), ArenaSizes.measure(5L, 3, 20));
    }
}
