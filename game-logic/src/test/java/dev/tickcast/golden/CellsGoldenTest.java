package dev.tickcast.golden;

import dev.tickcast.delta.CellDecoder;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.SchemaMessage;
import com.esotericsoftware.kryo.io.Input;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java decoder reads the "cells" golden case step by step: every frame applies, and the cells it
 * holds and the entities it shows (ids per table, owned values included) are those of the step's
 * state file (the JavaScript decoder reads the same files in client-demo's golden test).
 */
class CellsGoldenTest {
    private static final Pattern HELD = Pattern.compile("\"held\":\\[([0-9,]*)]");
    private static final Pattern ID = Pattern.compile("\\{\"id\":(\\d+)");

    @Test
    void theJavaDecoderReadsEveryStep() {
        Map<String, byte[]> files = GoldenVectors.generate();
        SchemaMessage schema = (SchemaMessage) Messages.newKryo().readClassAndObject(new Input(files.get("cells/schema.bin")));
        CellDecoder decoder = new CellDecoder(schema.schemas());
        decoder.body(CellsCase.BODY);
        int steps = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (!e.getKey().startsWith("cells/0") || !e.getKey().endsWith(".bin")) {
                continue;
            }
            byte[] frame = e.getValue();
            assertEquals(DeltaDecoder.OK, decoder.apply(frame, 0, frame.length), e.getKey() + ": " + decoder.reason());
            String state = new String(files.get(e.getKey().replace(".bin", ".json")), StandardCharsets.UTF_8);
            assertEquals(held(state), held(decoder), e.getKey());
            assertEquals(ids(state), ids(decoder.shown()), e.getKey());
            steps++;
        }
        assertEquals(13, steps);
    }

    private static String held(String state) {
        Matcher m = HELD.matcher(state);
        return m.find() ? m.group(1) : "?";
    }

    private static String held(CellDecoder d) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < d.heldCellCount(); i++) {
            out.append(i == 0 ? "" : ",").append(d.heldCell(i));
        }
        return out.toString();
    }

    private static String ids(String state) {
        String tables = state.substring(0, state.indexOf("\"owned\""));
        StringBuilder out = new StringBuilder();
        Matcher m = ID.matcher(tables);
        while (m.find()) {
            out.append(m.group(1)).append(' ');
        }
        return out.toString();
    }

    private static String ids(Snapshot s) {
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < s.tableCount(); t++) {
            for (int row = 0; row < s.table(t).count(); row++) {
                out.append(s.table(t).id(row)).append(' ');
            }
        }
        return out.toString();
    }
}
