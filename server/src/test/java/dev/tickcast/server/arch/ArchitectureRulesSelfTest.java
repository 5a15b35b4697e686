package dev.tickcast.server.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture rules catch what they guard against, shown on fixture packages in this test tree:
 * two packages that use each other ({@code fixture.cycle}), an API package and an internal one that use
 * each other ({@code fixture.rootcycle}), and an API package that uses an internal one one way
 * ({@code fixture.chain}: no cycle, but the API rule objects).
 */
class ArchitectureRulesSelfTest {
    private static final String FIXTURE = "dev.tickcast.server.arch.fixture";

    @Test
    void cycleRuleReportsTwoPackagesThatUseEachOther() {
        String root = FIXTURE + ".cycle";
        EvaluationResult result = ArchitectureRules.noPackageCycles(root).evaluate(classesUnder(root));
        assertTrue(result.hasViolation(), "a -> b -> a is a cycle");
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(root + ".a") && report.contains(root + ".b"), report);
    }

    @Test
    void cycleRuleAcceptsAOneWayGraph() {
        String root = FIXTURE + ".chain";
        EvaluationResult result = ArchitectureRules.noPackageCycles(root).evaluate(classesUnder(root));
        assertFalse(result.hasViolation(), result.getFailureReport().toString());
    }

    @Test
    void cycleRuleCountsTheRootPackageAsASlice() {
        String root = FIXTURE + ".rootcycle";
        // the API package and an internal one use each other, as dev.tickcast.server and internal once did
        EvaluationResult result = ArchitectureRules.noPackageCycles(root).evaluate(classesUnder(root));
        assertTrue(result.hasViolation(), "rootcycle.Api -> rootcycle.internal.Impl -> rootcycle.Api is a cycle");
    }

    @Test
    void apiRuleReportsARootClassThatUsesAnInternal() {
        String root = FIXTURE + ".chain";
        EvaluationResult result = ArchitectureRules.apiFreeOfInternals(root).evaluate(classesUnder(root));
        assertTrue(result.hasViolation(), "chain.Api uses chain.internal.Engine");
    }

    private static JavaClasses classesUnder(String root) {
        return new ClassFileImporter().importPackages(root);
    }
}
