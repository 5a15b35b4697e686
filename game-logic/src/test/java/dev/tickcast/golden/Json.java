package dev.tickcast.golden;

import dev.tickcast.state.Field;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.GameMessage;
import dev.tickcast.wire.GameSendMessage;
import dev.tickcast.wire.InputMessage;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.PingMessage;
import dev.tickcast.wire.PongMessage;
import dev.tickcast.wire.WelcomeMessage;

/**
 * The JSON of the golden vectors, written by hand so that the text is stable: keys in a fixed
 * order, one entity per line, strings as UTF-8 with only the escapes JSON requires.
 */
final class Json {
    private Json() {
    }

    /** {"tick":T,"tables":[{"name":..,"entities":[{"id":..,field:..},..]},..]}, tables in schema order. */
    static String state(Snapshot s) {
        StringBuilder out = new StringBuilder("{\"tick\":").append(s.tick()).append(",\"tables\":[");
        for (int i = 0; i < s.tableCount(); i++) {
            TableSnapshot t = s.table(i);
            Schema schema = t.schema();
            out.append(i == 0 ? "\n" : ",\n").append("{\"name\":").append(string(schema.name())).append(",\"entities\":[");
            for (int row = 0; row < t.count(); row++) {
                out.append(row == 0 ? "\n" : ",\n").append("{\"id\":").append(t.id(row));
                for (Field f : schema.fields()) {
                    out.append(',').append(string(f.name())).append(':');
                    if (f.type() == FieldType.STRING) {
                        out.append(string(t.string(row, f.index())));
                    } else if (f.type() == FieldType.BOOL) {
                        out.append(t.value(row, f.index()) != 0);
                    } else {
                        out.append(t.value(row, f.index()));
                    }
                }
                out.append('}');
            }
            out.append("]}");
        }
        return out.append("\n]}\n").toString();
    }

    /** The decoded fields of a control message, named as in its Java record. */
    static String value(Object message) {
        if (message instanceof JoinMessage m) {
            return "{\"version\":" + m.version() + ",\"token\":" + string(m.token()) + "}";
        } else if (message instanceof InputMessage m) {
            return "{\"seq\":" + m.seq() + ",\"view\":" + m.view() + ",\"payload\":" + bytes(m.payload()) + "}";
        } else if (message instanceof GameSendMessage m) {
            return "{\"type\":" + m.type() + ",\"view\":" + m.view() + ",\"payload\":" + bytes(m.payload()) + "}";
        } else if (message instanceof GameMessage m) {
            return "{\"type\":" + m.type() + ",\"payload\":" + bytes(m.payload()) + "}";
        } else if (message instanceof PingMessage m) {
            return "{\"clientTime\":" + m.clientTime() + ",\"viewDelay\":" + m.viewDelayMs() + "}";
        } else if (message instanceof ChatSendMessage m) {
            return "{\"text\":" + string(m.text()) + "}";
        } else if (message instanceof WelcomeMessage m) {
            return "{\"version\":" + m.version() + ",\"roomId\":" + string(m.roomId()) + ",\"game\":" + string(m.game())
                    + ",\"playerId\":" + m.playerId() + ",\"entityId\":" + m.entityId() + ",\"tickHz\":" + m.tickHz()
                    + ",\"snapshotEveryTicks\":" + m.snapshotEveryTicks() + "}";
        } else if (message instanceof PongMessage m) {
            return "{\"clientTime\":" + m.clientTime() + ",\"serverTick\":" + m.serverTick() + "}";
        } else if (message instanceof ChatMessage m) {
            return "{\"playerId\":" + m.playerId() + ",\"name\":" + string(m.name()) + ",\"text\":" + string(m.text()) + "}";
        }
        throw new IllegalArgumentException("not a control message: " + message);
    }

    /** A JSON array of unsigned byte values. */
    static String bytes(byte[] payload) {
        StringBuilder out = new StringBuilder("[");
        for (byte b : payload) {
            out.append(out.length() == 1 ? "" : ",").append(b & 0xFF);
        }
        return out.append(']').toString();
    }

    /** A JSON string literal. */
    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
