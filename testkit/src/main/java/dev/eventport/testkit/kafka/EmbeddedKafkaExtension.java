package dev.eventport.testkit.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that provides an {@link EmbeddedKafka} broker to a test class.
 *
 * <p>Contract: {@link #shared()} (also what {@code @ExtendWith(EmbeddedKafkaExtension.class)} gives) starts one
 * broker per test run, the first time a class needs it, and stops it when the run ends; {@link #dedicated()} starts a
 * broker for one test class and closes it after the class (use it for tests that stop or restart the broker).
 * Register it on a {@code static} field with {@code @RegisterExtension}, then use {@link #bootstrapServers()}, or
 * declare an {@link EmbeddedKafka} parameter on a test or lifecycle method.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);

    private final boolean dedicated;
    private volatile EmbeddedKafka broker;

    /** The shared broker; the constructor {@code @ExtendWith} uses. */
    public EmbeddedKafkaExtension() {
        this(false);
    }

    private EmbeddedKafkaExtension(boolean dedicated) {
        this.dedicated = dedicated;
    }

    /** One broker for the whole test run, shared by every class that registers this. */
    public static EmbeddedKafkaExtension shared() {
        return new EmbeddedKafkaExtension(false);
    }

    /** A broker of the test class's own, closed (and its data deleted) after the class. */
    public static EmbeddedKafkaExtension dedicated() {
        return new EmbeddedKafkaExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = dedicated ? EmbeddedKafka.start()
                : context.getRoot().getStore(NAMESPACE).computeIfAbsent(EmbeddedKafka.class, type -> EmbeddedKafka.start(),
                        EmbeddedKafka.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dedicated && broker != null) {
            broker.close();
        }
    }

    /** The broker; available from {@code @BeforeAll} on. */
    public EmbeddedKafka broker() {
        EmbeddedKafka current = broker;
        if (current == null) {
            throw new IllegalStateException("The embedded Kafka broker is not started: register EmbeddedKafkaExtension on a "
                    + "static field (@RegisterExtension static EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.shared())");
        }
        return current;
    }

    /** The broker's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return broker();
    }
}
