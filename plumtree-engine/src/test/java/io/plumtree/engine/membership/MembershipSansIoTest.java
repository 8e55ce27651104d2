package io.plumtree.engine.membership;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules of the engine's SansIoArchitectureTest, applied to this package until it joins that test's list of
 * cores: no I/O, threads, locks, clocks or unseeded randomness in the membership core.
 */
class MembershipSansIoTest {

    private static final String CORE = "io.plumtree.engine.membership..";

    private static JavaClasses classes;

    @BeforeAll
    static void importCore() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.plumtree.engine.membership");
    }

    @Test
    void noDriversNoIo() {
        noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("io.plumtree.engine.sim..",
                        "io.plumtree.engine.net..", "java.net..", "java.nio.channels..", "java.io..",
                        "java.nio.file..")
                .check(classes);
    }

    @Test
    void noThreadsOrLocks() {
        noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .check(classes);
    }

    @Test
    void noClockAndOnlyTheInjectedRandomGenerator() {
        noClasses().that().resideInAPackage(CORE)
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .orShould().dependOnClassesThat().areAssignableTo(Random.class)
                .orShould().callMethod(Math.class, "random")
                .check(classes);
    }
}
