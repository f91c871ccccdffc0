package dev.eventport.testkit.chaos;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Hands a test method a {@link ChaosSeed} parameter ({@link ChaosSeed#resolve()}: fixed by
 * {@code -Deventport.chaos.seed}, else random) and, when the test fails, rethrows the failure as an
 * {@link AssertionError} whose message ends with the seed and how to replay it (the original failure is the cause),
 * and prints that line to standard error.
 */
public final class ChaosSeedExtension implements ParameterResolver, TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChaosSeedExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ChaosSeed.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getStore(NAMESPACE).computeIfAbsent(ChaosSeed.class, type -> ChaosSeed.resolve(),
                ChaosSeed.class);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        ChaosSeed seed = context.getStore(NAMESPACE).get(ChaosSeed.class, ChaosSeed.class);
        if (seed == null || throwable instanceof TestAbortedException) {
            throw throwable;
        }
        String hint = seed.rerunHint();
        System.err.println(context.getDisplayName() + " failed with " + hint);
        AssertionError withSeed = new AssertionError(throwable + " [" + hint + "]", throwable);
        withSeed.setStackTrace(throwable.getStackTrace());
        throw withSeed;
    }
}
