package dev.tickcast.server.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * game-logic's main classes use neither Vert.x nor Netty. Checked from here, where game-logic is on the
 * class path (its directory in the reactor, its jar otherwise), so game-logic's own pom needs no ArchUnit.
 */
@AnalyzeClasses(packages = "dev.tickcast",
        importOptions = {ImportOption.DoNotIncludeTests.class, GameLogicArchitectureTest.GameLogicOnly.class})
class GameLogicArchitectureTest {
    @ArchTest
    static final ArchRule GAME_LOGIC_FREE_OF_VERTX = ArchitectureRules.gameLogicFreeOfVertx();

    /** The classes of the game-logic module: its classes directory or its jar. */
    static final class GameLogicOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return location.contains("/game-logic/") || location.contains("tickcast-game-logic");
        }
    }
}
