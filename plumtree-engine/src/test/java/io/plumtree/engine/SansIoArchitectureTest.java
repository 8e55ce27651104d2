package io.plumtree.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * DESIGN.md rule 1: protocol cores are sans-IO. They never read a clock, sleep, start a thread, take a lock, open a
 * socket or draw from an unseeded random source, and they know nothing of the drivers.
 */
class SansIoArchitectureTest {

    /** The protocol cores, the node core that wires them, and the codec. */
    private static final String[] CORES = {"io.plumtree.engine.broadcast..", "io.plumtree.engine.membership..",
            "io.plumtree.engine.node..", "io.plumtree.engine.state..", "io.plumtree.engine.wire.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importEngine() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.plumtree.engine");
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void coresDoNotDependOnDrivers() {
        check(noClasses().that().resideInAnyPackage(CORES)
                .should().dependOnClassesThat().resideInAnyPackage("io.plumtree.engine.sim..",
                        "io.plumtree.engine.net..")
                .because("cores are driven by the simulator and the NIO loop alike"));
    }

    @Test
    void coresDoNoIo() {
        check(noClasses().that().resideInAnyPackage(CORES)
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..", "java.io..",
                        "java.nio.file..")
                .because("a core answers inputs with outputs; the driver does the I/O"));
    }

    @Test
    void coresUseNoThreadsOrLocks() {
        check(noClasses().that().resideInAnyPackage(CORES)
                .should().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .because("one thread owns a node; timers are outputs, not executors"));
    }

    @Test
    void coresReadNoClock() {
        check(noClasses().that().resideInAnyPackage(CORES)
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .because("time is the now argument of handle"));
    }

    @Test
    void coresUseOnlyTheInjectedRandomGenerator() {
        check(noClasses().that().resideInAnyPackage(CORES)
                .should().dependOnClassesThat().areAssignableTo(Random.class)
                .orShould().callMethod(Math.class, "random")
                .because("a seed must reproduce a run byte for byte"));
    }
}
