package dev.tickcast.server.internal.room;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A player's name cannot forge or break an event-log line. */
class EventLogTest {
    @Test
    void shouldEscapeControlCharactersQuotesAndBackslashes() {
        assertEquals("ada", EventLog.escape("ada"));
        assertEquals("a\\u000aroom x game y created", EventLog.escape("a\nroom x game y created"));
        assertEquals("\\u0022\\u005c\\u001b\\u2028é", EventLog.escape("\"\\\u001b\u2028é"));
    }
}
