package dev.tickcast.tanks;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The plug-in, its tests included, uses Tickcast's public API only (the game SPI, {@code Tickcast},
 * {@code RoomEvents}, {@code TickcastExtension}): the engine's internals may change in any release.
 */
@AnalyzeClasses(packages = "dev.tickcast.tanks")
class TanksArchitectureTest {
    @ArchTest
    static final ArchRule USES_NO_ENGINE_INTERNALS = noClasses()
            .should().dependOnClassesThat().resideInAPackage("dev.tickcast.server.internal..")
            .because("a plug-in is built against the public API; dev.tickcast.server.internal is the engine's own");
}
