package dev.tickcast.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The client-message table agrees with Protocol's ids, the Kryo registry and PROTOCOL.md's rules. */
class ClientMessagesTest {
    @Test
    void shouldNameEachClientMessageOfTheKryoRegistryByItsId() {
        Kryo kryo = Messages.newKryo();
        for (ClientMessages.Kind kind : ClientMessages.ALL) {
            Registration registration = kryo.getRegistration(kind.id());
            assertNotNull(registration, kind.name());
            assertEquals(className(kind.name()), registration.getType().getSimpleName(), kind.name());
        }
        assertEquals(List.of(Protocol.JOIN, Protocol.INPUT, Protocol.PING, Protocol.CHAT_SEND, Protocol.GAME_SEND),
                ClientMessages.ALL.stream().map(ClientMessages.Kind::id).toList());
    }

    @Test
    void shouldFindExactlyTheFiveClientTypeBytes() {
        List<Integer> known = new ArrayList<>();
        for (int b = -1; b <= 256; b++) {
            ClientMessages.Kind kind = ClientMessages.byTypeByte(b);
            if (kind != null) {
                assertEquals(b, kind.typeByte());
                known.add(b);
            }
        }
        assertEquals(List.of(0x10, 0x11, 0x12, 0x13, 0x14), known);
        assertSame(ClientMessages.INPUT, ClientMessages.byTypeByte(Protocol.typeByte(Protocol.INPUT)));
        assertNull(ClientMessages.byTypeByte(Protocol.typeByte(Protocol.WELCOME)), "a server message is no client message");
    }

    @Test
    void shouldAllowOnlyJoinBeforeTheJoinAndOnlyPingFromSpectators() {
        assertEquals(List.of("JOIN"), ClientMessages.ALL.stream().filter(ClientMessages.Kind::beforeJoin)
                .map(ClientMessages.Kind::name).toList());
        assertEquals(List.of("PING"), ClientMessages.ALL.stream().filter(ClientMessages.Kind::spectators)
                .map(ClientMessages.Kind::name).toList());
        assertEquals(ClientMessages.Bucket.CHAT, ClientMessages.CHAT_SEND.bucket());
        assertEquals(ClientMessages.Bucket.GAME, ClientMessages.GAME_SEND.bucket());
    }

    /** CHAT_SEND: ChatSendMessage. */
    private static String className(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.append("Message").toString();
    }
}
