package dev.tickcast.game;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A spec's broadcast delay: the operator's unless set, kept through the other setters, checked. */
class GameSpecBroadcastTest {
    @Test
    void shouldLeaveTheDelayToTheOperatorUnlessSetAndKeepIt() {
        GameSpec spec = GameSpec.of("g", () -> null);
        assertEquals(GameSpec.OPERATOR_DELAY, spec.broadcastDelayMs());
        GameSpec live = spec.broadcastDelayMs(0).rates(30, 10).maxPlayers(4).chat(false).page("/g/").record(true);
        assertEquals(0, live.broadcastDelayMs());
        assertEquals(GameSpec.NO_BROADCAST, spec.broadcastDelayMs(-1).snapshotEveryTicks(2).broadcastDelayMs());
        assertEquals(GameSpec.MAX_BROADCAST_DELAY_MS, spec.broadcastDelayMs(GameSpec.MAX_BROADCAST_DELAY_MS).broadcastDelayMs());
        assertThrows(IllegalArgumentException.class, () -> spec.broadcastDelayMs(-2));
        assertThrows(IllegalArgumentException.class, () -> spec.broadcastDelayMs(GameSpec.MAX_BROADCAST_DELAY_MS + 1));
    }
}
