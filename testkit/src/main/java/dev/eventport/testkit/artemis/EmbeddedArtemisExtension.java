package dev.eventport.testkit.artemis;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that starts one {@link EmbeddedArtemis} per test JVM and injects it into constructors,
 * lifecycle and test methods that declare an {@code EmbeddedArtemis} parameter.
 *
 * <p>Contract: the first test class that uses the extension starts the broker; every later class gets the same
 * running broker; it is closed (stopped, its directory deleted, its thread pools cleared) when the JVM's test run
 * ends. Tests share it, so each uses its own destinations and subscription names. A test that stops the broker
 * starts it again before it returns ({@link EmbeddedArtemis#restart()} does both).
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedArtemisExtension.class)
 * class MyJmsTest {
 *     MyJmsTest(EmbeddedArtemis broker) { url = broker.url(); }
 * }
 * }</pre>
 */
public final class EmbeddedArtemisExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedArtemisExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmbeddedArtemis.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return shared(extensionContext);
    }

    private static EmbeddedArtemis shared(ExtensionContext context) {
        EmbeddedArtemis broker = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(EmbeddedArtemis.class, type -> EmbeddedArtemis.start(), EmbeddedArtemis.class);
        broker.startAgain();
        return broker;
    }
}
