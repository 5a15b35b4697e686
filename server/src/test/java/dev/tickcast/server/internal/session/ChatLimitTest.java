package dev.tickcast.server.internal.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The chat flood rule of PROTOCOL.md 7.4 on an injected clock: more than 20 lines in any 5 s close. */
class ChatLimitTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 1_000_000_000_000L;
    /** The default chat limit (TickcastOptions): 2 lines a second, a burst of 5. */
    private static final double DEFAULT_RATE = 2;
    private static final int DEFAULT_BURST = 5;

    @Test
    void shouldCloseAtThe21stLineOf30At10ASecond() {
        ChatLimit limit = new ChatLimit(DEFAULT_RATE, DEFAULT_BURST, T0);
        for (int i = 1; i <= 20; i++) {
            assertNotEquals(ChatLimit.Verdict.FLOOD, limit.take(T0 + i * 100 * MS), "line " + i);
        }
        assertEquals(ChatLimit.Verdict.FLOOD, limit.take(T0 + 21 * 100 * MS), "the 21st line within 5 s");
    }

    @Test
    void shouldStayOpenAfter20LinesIn5sThenAPause() {
        ChatLimit limit = new ChatLimit(DEFAULT_RATE, DEFAULT_BURST, T0);
        int sent = 0;
        for (int i = 0; i < 20; i++) {
            ChatLimit.Verdict v = limit.take(T0 + i * 250 * MS); // 20 lines within 4.75 s
            assertNotEquals(ChatLimit.Verdict.FLOOD, v, "line " + i);
            sent += v == ChatLimit.Verdict.SEND ? 1 : 0;
        }
        assertEquals(5 + 9, sent, "the burst, then 2 a second; the rest dropped, not closed");
        // the 21st line comes exactly 5 s after the first: the first has left the window
        assertNotEquals(ChatLimit.Verdict.FLOOD, limit.take(T0 + 5_000 * MS));
        // after a pause, another 20 quick lines are dropped past the burst but never close
        long later = T0 + 20_000 * MS;
        for (int i = 0; i < 20; i++) {
            assertNotEquals(ChatLimit.Verdict.FLOOD, limit.take(later + i * MS), "line " + i + " after the pause");
        }
        assertEquals(ChatLimit.Verdict.FLOOD, limit.take(later + 20 * MS));
    }

    @Test
    void shouldNeverCloseAClientKeepingToTheChatRate() {
        assertEquals(100, ChatLimit.floodLines(10, 5), "5 s at 10 a second, twice over");
        ChatLimit limit = new ChatLimit(10, 5, T0);
        for (int i = 0; i < 500; i++) {
            assertEquals(ChatLimit.Verdict.SEND, limit.take(T0 + i * 100 * MS), "line " + i);
        }
        assertEquals(20, ChatLimit.floodLines(2, 5), "the default: 20 lines in 5 s");
    }
}
