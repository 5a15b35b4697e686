package dev.tickcast.server.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of the engine's package graph (docs/ARCHITECTURE.md, "Packages"), built for a root package
 * so that {@link ArchitectureRulesSelfTest} can run the same rules on small fixtures.
 */
final class ArchitectureRules {
    /** The public API package; the engine lives under {@code .internal}. */
    static final String SERVER = "dev.tickcast.server";

    private ArchitectureRules() {
    }

    /**
     * (a) No package cycles under {@code root}: the root package itself (the API) is one slice and every
     * package under it is another, so {@code internal.room} and {@code internal.transport} are two slices.
     */
    static ArchRule noPackageCycles(String root) {
        return slices().assignedFrom(packagesUnder(root)).should().beFreeOfCycles()
                .as("the packages under " + root + " (the API package and each internal package) form no cycle");
    }

    /** (b) The public API package does not use the engine's internals: it finds the engine through the ServerEngine SPI. */
    static ArchRule apiFreeOfInternals(String root) {
        return noClasses().that().resideInAPackage(root)
                .should().dependOnClassesThat().resideInAPackage(root + ".internal..")
                .because("the API finds the engine through the ServerEngine SPI (ServiceLoader), never by name");
    }

    /** (c) The room, the tick loop, knows nothing of the parts that feed it clients or matchmake into it. */
    static ArchRule roomFreeOfOuterParts(String root) {
        String internal = root + ".internal.";
        return noClasses().that().resideInAPackage(internal + "room..")
                .should().dependOnClassesThat().resideInAnyPackage(internal + "transport..", internal + "http..",
                        internal + "engine..", internal + "cluster..", internal + "match..")
                .because("the room is reached through ports it owns (ClientLink, RoomEvents), not the other way round");
    }

    /** (e) The game SPI, the state, the delta codec and the wire protocol run without Vert.x or Netty. */
    static ArchRule gameLogicFreeOfVertx() {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..")
                .because("game-logic is the engine-free half: games, LocalRoom and the Java client's codec use it");
    }

    /** One slice per package under {@code root}, the root package included; classes elsewhere are in none. */
    static SliceAssignment packagesUnder(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(root)) {
                    return SliceIdentifier.of(root + " (API)");
                }
                return name.startsWith(root + ".") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages under " + root;
            }
        };
    }
}
