package dev.tickcast.server.internal.room;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.server.RoomEvents;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A player's name (or subject) cannot forge or break an event-log line; a verified player's line has its subject. */
class EventLogTest {
    @Test
    void shouldEscapeControlCharactersQuotesAndBackslashes() {
        assertEquals("ada", EventLog.escape("ada"));
        assertEquals("a\\u000aroom x game y created", EventLog.escape("a\nroom x game y created"));
        assertEquals("\\u0022\\u005c\\u001b\\u2028é", EventLog.escape("\"\\\u001b\u2028é"));
    }

    @Test
    void shouldAddTheEscapedSubjectOfAVerifiedPlayerOnly() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.tickcast.events");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            GameSpec spec = GameSpec.of("g", () -> null);
            Session ann = new Session(new MemoryLink(), new Identity("auth0|a\"\nb", "Ann", Map.of("rank", 1)), "t1");
            ann.playerId = 0;
            Session guest = new Session(new MemoryLink(), "bob");
            guest.playerId = 1;
            EventLog.player("r1", spec, RoomEvents.PLAYER_JOINED, ann, 1);
            EventLog.player("r1", spec, RoomEvents.PLAYER_JOINED, guest, 2);
            String verified = lines.list.get(0).getFormattedMessage();
            String unverified = lines.list.get(1).getFormattedMessage();
            assertTrue(verified.startsWith("room r1 game g player 0 \"Ann\" subject \"auth0|a\\u0022\\u000ab\" joined from "),
                    verified);
            assertTrue(unverified.startsWith("room r1 game g player 1 \"bob\" joined from "), unverified);
        } finally {
            logger.detachAppender(lines);
        }
    }
}
