package dev.eventport.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The architecture rules of eventport as ArchUnit rules, for this build and for users who want their code checked
 * the same way.
 *
 * <p>Contract: every rule is built for a root package ({@link #standard()}: {@value #ROOT}) under which the modules
 * keep eventport's layout: {@code <root>.domain}, {@code <root>.ports}, {@code <root>.adapter.<name>},
 * {@code <root>.testkit.kafka}, {@code <root>.testkit.artemis}, {@code <root>.benchmarks}. Each rule's description
 * starts with {@code eventport rule '<name>'} and its reason, so a failure names the broken rule and every
 * offending class and dependency. The rules are:
 * <ul>
 *   <li>{@link #domainUsesOnlyTheJdk()}: domain classes depend only on {@code java..} and the domain;</li>
 *   <li>{@link #portsUseOnlyDomainAndTheJdk()}: ports classes depend only on {@code java..}, the SLF4J API
 *       ({@code org.slf4j..}, for the one log line per lifecycle change and failure), the domain and the ports;</li>
 *   <li>{@link #adaptersDoNotDependOnEachOther()}: no class of one adapter depends on another adapter;</li>
 *   <li>{@link #kafkaTypesStayInTheKafkaAdapter()}, {@link #jmsTypesStayInTheJmsAdapter()},
 *       {@link #artemisTypesStayInTheJmsAdapter()}: {@code org.apache.kafka..}, {@code jakarta.jms..} and
 *       {@code org.apache.activemq..} are used only by their adapter, by the testkit's embedded broker of that
 *       technology and by the benchmarks (documented exceptions);</li>
 *   <li>{@link #onlyDocumentedAdapterTypesArePublic()}: the public top-level classes of
 *       {@code <root>.adapter.<name>..} are among that adapter's documented public types
 *       ({@link #DOCUMENTED_PUBLIC_TYPES}, extended or replaced with {@link #withPublicTypes(String, Set)}); an
 *       adapter without an entry may have no public class.</li>
 * </ul>
 * The domain and ports rules fail when no class matches (a wrong root would otherwise pass silently); the others
 * pass on code that has no class they apply to. Instances are immutable.
 */
public final class EventportArchitectureRules {

    /** The root package of eventport itself. */
    public static final String ROOT = "dev.eventport";

    /** The public simple class names each adapter documents, by adapter name (the package under {@code adapter}). */
    public static final Map<String, Set<String>> DOCUMENTED_PUBLIC_TYPES = Map.of(
            "direct", Set.of("DirectBackendProvider", "DirectConfig", "DirectEventBackend"),
            "inmemory", Set.of("InMemoryBackendProvider", "InMemoryEventBackend", "InMemoryConfig"),
            "jms", Set.of("JmsBackendProvider", "JmsConfig", "JmsEventPublisher", "JmsEventSubscriber"),
            "kafka", Set.of("KafkaBackendProvider", "KafkaConfig", "KafkaEventPublisher", "KafkaEventSubscriber"));

    private final String root;
    private final Map<String, Set<String>> publicTypes;

    private EventportArchitectureRules(String root, Map<String, Set<String>> publicTypes) {
        this.root = root;
        this.publicTypes = Map.copyOf(publicTypes);
    }

    /** The rules for eventport's own packages under {@value #ROOT}, with the documented public adapter types. */
    public static EventportArchitectureRules standard() {
        return forRoot(ROOT);
    }

    /**
     * The rules for code laid out like eventport under another root package (for example test fixtures), with
     * the documented public adapter types.
     */
    public static EventportArchitectureRules forRoot(String rootPackage) {
        if (rootPackage == null || !rootPackage.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new IllegalArgumentException("rootPackage must be a Java package name like 'dev.eventport', but was "
                    + (rootPackage == null ? "null" : "'" + rootPackage + "'"));
        }
        return new EventportArchitectureRules(rootPackage, DOCUMENTED_PUBLIC_TYPES);
    }

    /** These rules, with {@code simpleNames} as the only public types allowed in {@code <root>.adapter.<adapter>..}. */
    public EventportArchitectureRules withPublicTypes(String adapter, Set<String> simpleNames) {
        Map<String, Set<String>> copy = new LinkedHashMap<>(publicTypes);
        copy.put(Objects.requireNonNull(adapter, "adapter"), Set.copyOf(simpleNames));
        return new EventportArchitectureRules(root, copy);
    }

    /** Domain classes depend on nothing but {@code java..} and the domain itself. */
    public ArchRule domainUsesOnlyTheJdk() {
        return classes().that().resideInAPackage(pkg("domain"))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", pkg("domain"))
                .as(name("domain uses only the JDK") + ": classes in " + pkg("domain") + " depend only on java.. and "
                        + pkg("domain"))
                .because("the domain is the pure core every module shares; move code that needs more to the ports or "
                        + "an adapter");
    }

    /** Ports classes depend on nothing but {@code java..}, the SLF4J API, the domain and the ports. */
    public ArchRule portsUseOnlyDomainAndTheJdk() {
        return classes().that().resideInAPackage(pkg("ports"))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", pkg("domain"), pkg("ports"))
                .as(name("ports use only the domain and the JDK") + ": classes in " + pkg("ports")
                        + " depend only on java.., org.slf4j.. (logging API), " + pkg("domain") + " and " + pkg("ports"))
                .because("every user and every adapter inherits what the ports use; technology belongs in an adapter");
    }

    /** No class of one adapter depends on a class of another adapter. */
    public ArchRule adaptersDoNotDependOnEachOther() {
        return SlicesRuleDefinition.slices().matching(root + ".adapter.(*)..").namingSlices("adapter '$1'")
                .should().notDependOnEachOther()
                .allowEmptyShould(true)
                .as(name("adapters never depend on each other") + ": no class in " + root + ".adapter.<a>.. uses "
                        + root + ".adapter.<b>..")
                .because("backends are chosen by configuration and must be removable one by one; shared code belongs "
                        + "in the ports (ports.spi) or the testkit");
    }

    /** {@code org.apache.kafka..} appears only in the Kafka adapter, the embedded Kafka of the testkit and the benchmarks. */
    public ArchRule kafkaTypesStayInTheKafkaAdapter() {
        return brokerTypesStayIn("Kafka types stay in the Kafka adapter", "org.apache.kafka..", "adapter.kafka", "testkit.kafka");
    }

    /** {@code jakarta.jms..} appears only in the JMS adapter, the embedded Artemis of the testkit and the benchmarks. */
    public ArchRule jmsTypesStayInTheJmsAdapter() {
        return brokerTypesStayIn("JMS types stay in the JMS adapter", "jakarta.jms..", "adapter.jms", "testkit.artemis");
    }

    /**
     * {@code org.apache.activemq..} (Artemis) appears only in the JMS adapter, the embedded Artemis of the testkit
     * and the benchmarks.
     */
    public ArchRule artemisTypesStayInTheJmsAdapter() {
        return brokerTypesStayIn("Artemis types stay in the JMS adapter", "org.apache.activemq..", "adapter.jms",
                "testkit.artemis");
    }

    private ArchRule brokerTypesStayIn(String ruleName, String technology, String adapter, String embeddedBroker) {
        String[] allowed = {pkg(adapter), pkg(embeddedBroker), pkg("benchmarks")};
        return noClasses().that().resideOutsideOfPackages(allowed)
                .should().dependOnClassesThat().resideInAPackage(technology)
                .allowEmptyShould(true)
                .as(name(ruleName) + ": no class outside " + String.join(", ", allowed) + " uses " + technology)
                .because("application code talks to the ports, so that the backend stays a matter of configuration");
    }

    /** The public top-level classes of each adapter are among its documented public types. */
    public ArchRule onlyDocumentedAdapterTypesArePublic() {
        return classes().that().resideInAPackage(pkg("adapter")).and().arePublic().and().areTopLevelClasses()
                .should(beDocumentedPublicTypes())
                .allowEmptyShould(true)
                .as(name("only the documented types of an adapter are public") + ": public classes in " + root
                        + ".adapter.<name>.. are among " + sortedPublicTypes())
                .because("an adapter's API is its provider, its configuration and its publisher/subscriber types; "
                        + "everything else stays package-private so it can change freely");
    }

    private ArchCondition<JavaClass> beDocumentedPublicTypes() {
        return new ArchCondition<>("be documented public types of their adapter") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String adapter = adapterOf(javaClass);
                Set<String> allowed = publicTypes.get(adapter);
                if (allowed == null) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " is public, but adapter '"
                            + adapter + "' documents no public type. Make it package-private, or document the adapter's "
                            + "public types with EventportArchitectureRules.withPublicTypes(\"" + adapter + "\", ...)"));
                } else if (!allowed.contains(javaClass.getSimpleName())) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + " is public, but adapter '"
                            + adapter + "' documents only " + new TreeSet<>(allowed) + " as public. Make it "
                            + "package-private, or add it with EventportArchitectureRules.withPublicTypes(\"" + adapter
                            + "\", ...)"));
                }
            }
        };
    }

    private String adapterOf(JavaClass javaClass) {
        String relative = javaClass.getPackageName().substring((root + ".adapter.").length());
        int dot = relative.indexOf('.');
        return dot < 0 ? relative : relative.substring(0, dot);
    }

    private Map<String, Set<String>> sortedPublicTypes() {
        Map<String, Set<String>> sorted = new TreeMap<>();
        publicTypes.forEach((adapter, names) -> sorted.put(adapter, new TreeSet<>(names)));
        return sorted;
    }

    /** Every rule above, in the order listed; a check reports the violations of all of them. */
    public ArchRule all() {
        return CompositeArchRule.of(rules());
    }

    /** Every rule above as a list, for running them one by one. */
    public List<ArchRule> rules() {
        return List.of(domainUsesOnlyTheJdk(), portsUseOnlyDomainAndTheJdk(), adaptersDoNotDependOnEachOther(),
                kafkaTypesStayInTheKafkaAdapter(), jmsTypesStayInTheJmsAdapter(), artemisTypesStayInTheJmsAdapter(),
                onlyDocumentedAdapterTypesArePublic());
    }

    private String pkg(String module) {
        return root + "." + module + "..";
    }

    private static String name(String rule) {
        return "eventport rule '" + rule + "'";
    }

    @Override
    public String toString() {
        return "EventportArchitectureRules[root=" + root + ", publicTypes=" + sortedPublicTypes() + "]";
    }
}
