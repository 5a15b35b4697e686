package dev.tickcast.server.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server's package graph, checked on its main classes: no cycles, the API package free of
 * internals, the room free of the parts around it (docs/ARCHITECTURE.md, "Packages").
 */
@AnalyzeClasses(packages = ArchitectureRules.SERVER, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = ArchitectureRules.noPackageCycles(ArchitectureRules.SERVER);

    @ArchTest
    static final ArchRule API_FREE_OF_INTERNALS = ArchitectureRules.apiFreeOfInternals(ArchitectureRules.SERVER);

    @ArchTest
    static final ArchRule ROOM_FREE_OF_OUTER_PARTS = ArchitectureRules.roomFreeOfOuterParts(ArchitectureRules.SERVER);
}
