package dev.tickcast.tanks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/EXTENDING.md quotes this module: every code block after a {@code <!-- quote: path -->}
 * marker must still stand, letter for letter, in that file, so the tutorial cannot drift from
 * code that CI compiles and tests.
 */
class ExtendingDocTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final Pattern QUOTE = Pattern.compile("<!-- quote: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everyQuoteStandsInItsFile() throws IOException {
        String doc = Files.readString(REPO.resolve("docs/EXTENDING.md"), StandardCharsets.UTF_8);
        Matcher m = QUOTE.matcher(doc);
        int quotes = 0;
        while (m.find()) {
            quotes++;
            Path file = REPO.resolve(m.group(1));
            assertTrue(Files.isRegularFile(file), "quoted file " + file + " exists");
            String source = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(source.contains(m.group(2)), "docs/EXTENDING.md quotes " + m.group(1)
                    + " but the file no longer has:\n" + m.group(2));
        }
        assertTrue(quotes >= 12, "the tutorial quotes the example (" + quotes + " quotes found)");
    }
}
