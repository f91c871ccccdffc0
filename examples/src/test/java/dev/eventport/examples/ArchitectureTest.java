package dev.eventport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.eventport.testkit.architecture.EventportArchitectureRules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * eventport's boundary rules over the production classes of every module of this build (this module depends on
 * all of them), the way a user would run them over their own code.
 */
@DisplayName("Architecture of this build")
class ArchitectureTest {

    private static final EventportArchitectureRules RULES = EventportArchitectureRules.standard();

    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(EventportArchitectureRules.ROOT);
    }

    @Test
    @DisplayName("the classes of every module are checked")
    void everyModuleIsImported() {
        for (String module : List.of("domain", "ports", "codec.json", "adapter.direct", "adapter.inmemory", "adapter.jms",
                "adapter.kafka", "metrics.micrometer", "testkit.contract", "testkit.architecture", "testkit.artemis", "testkit.kafka", "examples")) {
            assertThat(classes.containPackage(EventportArchitectureRules.ROOT + "." + module)).as(module).isTrue();
        }
    }

    @TestFactory
    @DisplayName("every boundary rule holds")
    Stream<DynamicTest> everyRuleHolds() {
        return RULES.rules().stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }
}
