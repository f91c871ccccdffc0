package dev.eventport.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each rule against fixture code written to break it ({@code fixture.violating.dev.eventport}) and against fixture
 * code that obeys every rule ({@code fixture.compliant.dev.eventport}).
 */
@DisplayName("EventportArchitectureRules")
class EventportArchitectureRulesTest {

    private static final String VIOLATING = "fixture.violating.dev.eventport";
    private static final String COMPLIANT = "fixture.compliant.dev.eventport";

    private static JavaClasses violatingClasses;
    private static JavaClasses compliantClasses;

    private final EventportArchitectureRules violating = EventportArchitectureRules.forRoot(VIOLATING)
            .withPublicTypes("alpha", Set.of("AlphaBackendProvider"))
            .withPublicTypes("beta", Set.of("BetaBackendProvider"));
    private final EventportArchitectureRules compliant = EventportArchitectureRules.forRoot(COMPLIANT)
            .withPublicTypes("alpha", Set.of("AlphaBackendProvider"));

    @BeforeAll
    static void importFixtures() {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS);
        violatingClasses = importer.importPackages(VIOLATING);
        compliantClasses = importer.importPackages(COMPLIANT);
    }

    private static List<String> violations(ArchRule rule, JavaClasses classes) {
        return rule.evaluate(classes).getFailureReport().getDetails();
    }

    private void assertReported(Function<EventportArchitectureRules, ArchRule> rule, String ruleName,
                                List<String> expectedDetails, int expectedCount) {
        ArchRule broken = rule.apply(violating);
        List<String> details = violations(broken, violatingClasses);
        for (String expected : expectedDetails) {
            assertThat(details).as("violations of %s", ruleName).anySatisfy(detail -> assertThat(detail).contains(expected));
        }
        assertThat(details).as("violations of %s", ruleName).hasSize(expectedCount);
        assertThatThrownBy(() -> broken.check(violatingClasses)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Rule 'eventport rule '" + ruleName + "'");
        assertThat(violations(rule.apply(compliant), compliantClasses)).as("violations of %s in compliant code", ruleName)
                .isEmpty();
    }

    @Test
    @DisplayName("a domain class that depends on the ports is reported")
    void domainUsesOnlyTheJdk() {
        assertReported(EventportArchitectureRules::domainUsesOnlyTheJdk, "domain uses only the JDK",
                List.of("fixture.violating.dev.eventport.domain.Order", "fixture.violating.dev.eventport.ports.OrderPort"),
                violations(violating.domainUsesOnlyTheJdk(), violatingClasses).size());
        assertThat(violations(violating.domainUsesOnlyTheJdk(), violatingClasses))
                .allSatisfy(detail -> assertThat(detail).contains("domain.Order").contains("ports.OrderPort"));
    }

    @Test
    @DisplayName("a port that depends on an adapter is reported")
    void portsUseOnlyDomainAndTheJdk() {
        assertReported(EventportArchitectureRules::portsUseOnlyDomainAndTheJdk, "ports use only the domain and the JDK",
                List.of("Method <fixture.violating.dev.eventport.ports.OrderPort.backend()> has return type "
                        + "<fixture.violating.dev.eventport.adapter.alpha.AlphaBackendProvider>"), 1);
    }

    @Test
    @DisplayName("an adapter that uses another adapter is reported, naming both")
    void adaptersDoNotDependOnEachOther() {
        assertReported(EventportArchitectureRules::adaptersDoNotDependOnEachOther, "adapters never depend on each other",
                List.of("adapter 'alpha' depends on adapter 'beta'", "AlphaBackendProvider.describe()",
                        "fixture.violating.dev.eventport.adapter.beta.BetaSupport"), 1);
    }

    @Test
    @DisplayName("Kafka types outside the Kafka adapter are reported, in another adapter and in application code")
    void kafkaTypesStayInTheKafkaAdapter() {
        ArchRule rule = violating.kafkaTypesStayInTheKafkaAdapter();
        List<String> details = violations(rule, violatingClasses);
        assertReported(EventportArchitectureRules::kafkaTypesStayInTheKafkaAdapter, "Kafka types stay in the Kafka adapter",
                List.of("adapter.jms.JmsBackendProvider.partition()> has return type <org.apache.kafka.common.TopicPartition>",
                        "app.Checkout.producer> has type <org.apache.kafka.clients.producer.Producer>"), details.size());
        assertThat(details).allSatisfy(detail -> assertThat(detail).containsAnyOf("adapter.jms.JmsBackendProvider", "app.Checkout"));
    }

    @Test
    @DisplayName("JMS types outside the JMS adapter are reported")
    void jmsTypesStayInTheJmsAdapter() {
        List<String> details = violations(violating.jmsTypesStayInTheJmsAdapter(), violatingClasses);
        assertReported(EventportArchitectureRules::jmsTypesStayInTheJmsAdapter, "JMS types stay in the JMS adapter",
                List.of("adapter.kafka.KafkaHelper.convert(jakarta.jms.Message)> has parameter of type <jakarta.jms.Message>"),
                details.size());
        assertThat(details).allSatisfy(detail -> assertThat(detail).contains("adapter.kafka.KafkaHelper").contains("jakarta.jms"));
    }

    @Test
    @DisplayName("Artemis types outside the JMS adapter are reported")
    void artemisTypesStayInTheJmsAdapter() {
        List<String> details = violations(violating.artemisTypesStayInTheJmsAdapter(), violatingClasses);
        assertReported(EventportArchitectureRules::artemisTypesStayInTheJmsAdapter, "Artemis types stay in the JMS adapter",
                List.of("has return type <org.apache.activemq.artemis.api.core.SimpleString>"), details.size());
        assertThat(details).allSatisfy(detail -> assertThat(detail).contains("adapter.kafka.KafkaHelper"));
    }

    @Test
    @DisplayName("Micrometer types in an adapter are reported")
    void micrometerStaysOptional() {
        assertReported(EventportArchitectureRules::micrometerStaysOptional, "Micrometer stays optional",
                List.of("Field <fixture.violating.dev.eventport.adapter.beta.BetaMetrics.published> has type "
                        + "<io.micrometer.core.instrument.Counter>", "Method <fixture.violating.dev.eventport.adapter.beta."
                        + "BetaMetrics.published()> calls method <io.micrometer.core.instrument.Counter.increment()>"), 2);
    }

    @Test
    @DisplayName("an undocumented public adapter type is reported with the documented names and the fix")
    void onlyDocumentedAdapterTypesArePublic() {
        assertReported(EventportArchitectureRules::onlyDocumentedAdapterTypesArePublic,
                "only the documented types of an adapter are public",
                List.of("fixture.violating.dev.eventport.adapter.beta.BetaSupport is public, but adapter 'beta' documents "
                                + "only [BetaBackendProvider] as public. Make it package-private, or add it with "
                                + "EventportArchitectureRules.withPublicTypes(\"beta\", ...)",
                        "fixture.violating.dev.eventport.adapter.kafka.KafkaHelper is public, but adapter 'kafka' documents "
                                + "only [KafkaBackendProvider, KafkaConfig, KafkaEventPublisher, KafkaEventSubscriber] as public."),
                2);
    }

    @Test
    @DisplayName("a public type of an adapter that documents none is reported")
    void adapterWithoutDocumentedTypes() {
        EventportArchitectureRules undocumented = EventportArchitectureRules.forRoot(COMPLIANT);

        assertThat(violations(undocumented.onlyDocumentedAdapterTypesArePublic(), compliantClasses)).containsExactly(
                "fixture.compliant.dev.eventport.adapter.alpha.AlphaBackendProvider is public, but adapter 'alpha' "
                        + "documents no public type. Make it package-private, or document the adapter's public types with "
                        + "EventportArchitectureRules.withPublicTypes(\"alpha\", ...)");
    }

    @Test
    @DisplayName("all() reports the violations of every rule at once, and passes on compliant code")
    void allRules() {
        assertThatThrownBy(() -> violating.all().check(violatingClasses)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("domain uses only the JDK")
                .hasMessageContaining("ports use only the domain and the JDK")
                .hasMessageContaining("adapters never depend on each other")
                .hasMessageContaining("Kafka types stay in the Kafka adapter")
                .hasMessageContaining("JMS types stay in the JMS adapter")
                .hasMessageContaining("Artemis types stay in the JMS adapter")
                .hasMessageContaining("Micrometer stays optional")
                .hasMessageContaining("only the documented types of an adapter are public");
        assertThatCode(() -> compliant.all().check(compliantClasses)).doesNotThrowAnyException();
        assertThat(compliant.rules()).hasSize(8);
    }

    @Test
    @DisplayName("the domain rule fails on a root without domain classes, so a wrong root cannot pass silently")
    void wrongRootFails() {
        assertThatThrownBy(() -> EventportArchitectureRules.forRoot("fixture.nowhere").domainUsesOnlyTheJdk()
                .check(compliantClasses)).isInstanceOf(AssertionError.class).hasMessageContaining("failed to check any classes");
        assertThatThrownBy(() -> EventportArchitectureRules.forRoot("dev..eventport"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rootPackage must be a Java package name like 'dev.eventport', but was 'dev..eventport'");
    }
}
