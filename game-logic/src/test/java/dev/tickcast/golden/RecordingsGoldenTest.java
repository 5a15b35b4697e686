package dev.tickcast.golden;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed recordings read, with the Java reader, to what their manifest entries say: head,
 * damage, fragments and their entries, markers, and the replayed states (the arena case's state
 * files), so the JavaScript reader's tests check the same things.
 */
class RecordingsGoldenTest {
    private static final Path DIR = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden");

    @Test
    void shouldReadTheCommittedRecordingsAsTheManifestSays() throws IOException {
        String manifest = Files.readString(DIR.resolve(GoldenVectors.MANIFEST), StandardCharsets.UTF_8);
        Map<String, byte[]> files = new HashMap<>();
        try (var paths = Files.walk(DIR)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(DIR.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        for (String name : new String[] {"arena", "truncated", "corrupted"}) {
            String entry = RecordingsCase.entry(name, files.get("recordings/" + name + ".tcrec"), files);
            assertTrue(manifest.contains(entry), name + " reads as:\n" + entry);
        }
        assertTrue(manifest.contains("\"name\":\"truncated\",\"file\":\"recordings/truncated.tcrec\",\"bytes\":8222,"
                + "\"finished\":false,\"readableBytes\":6608,\"damage\":{\"at\":6608,\"reason\":\"cut\""));
        assertTrue(manifest.contains("\"damage\":{\"at\":5523,\"reason\":\"crc\""));
    }
}
