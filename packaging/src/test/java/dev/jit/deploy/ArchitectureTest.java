package dev.jit.deploy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules, checked on the classes the build just compiled (each module's target/classes, not the
 * shaded jars, which each hold a copy of jit-core): the CLI, MCP, the server and the dispatcher call only
 * jit-core's API ({@code dev.jit.core} and its value packages), never {@code dev.jit.core.internal}; and no
 * two packages of jit-core depend on each other.
 */
class ArchitectureTest {
    private static final Path REPO = Path.of(System.getProperty("jit.repo", ".."));
    private static final List<String> FRONT_ENDS = List.of("jit-cli", "jit-server", "jit-dispatch");

    static JavaClasses core;
    static JavaClasses frontEnds;

    @BeforeAll
    static void importClasses() {
        core = importModules(List.of("jit-core"));
        frontEnds = importModules(FRONT_ENDS);
    }

    private static JavaClasses importModules(List<String> modules) {
        List<Path> dirs = modules.stream().map(m -> REPO.resolve(m).resolve("target/classes")).toList();
        for (Path dir : dirs) {
            assertThat(dir).as("compiled classes of %s (run the build first)", dir).isDirectory();
        }
        return new ClassFileImporter().importPaths(dirs);
    }

    @Test
    void frontEndsCallOnlyTheCoreApi() {
        assertThat(frontEnds.size()).isGreaterThan(100);
        noClasses().that().resideInAnyPackage("dev.jit.cli..", "dev.jit.server..", "dev.jit.dispatch..")
                .should().dependOnClassesThat().resideInAPackage("dev.jit.core.internal..")
                .because("jit-core's internals (store, lock, journal, codecs, caches) are reached only through Jit")
                .check(frontEnds);
    }

    @Test
    void jitCoreHasNoPackageCycles() {
        assertThat(core.size()).isGreaterThan(50);
        slices().matching("dev.(jit).(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void frontEndsHaveNoPackageCyclesEither() {
        slices().matching("dev.jit.(*).(**)").should().beFreeOfCycles().check(frontEnds);
    }

    @Test
    void internalsNeverCallTheApi() {
        noClasses().that().resideInAPackage("dev.jit.core.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.jit.core")
                .because("the API sits above the internals, not beside them")
                .check(core);
    }

    @Test
    void theRulesSeeRealCode() {
        // A guard against a rule that passes because it looked at nothing.
        assertThat(Files.isRegularFile(REPO.resolve("jit-core/target/classes/dev/jit/core/Jit.class"))).isTrue();
        assertThat(core.contain("dev.jit.core.internal.store.Store")).isTrue();
        assertThat(frontEnds.contain("dev.jit.cli.Main")).isTrue();
    }
}
