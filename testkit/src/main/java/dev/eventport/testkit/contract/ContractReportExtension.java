package dev.eventport.testkit.contract;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Collects the result of every case of an {@link EventBackendContract} subclass and, after the last one, writes
 * {@code <dir>/<backend>.md} and {@code .json}, where {@code <dir>} is the system property
 * {@value #REPORT_DIR_PROPERTY} or {@code target/contract}.
 */
final class ContractReportExtension implements BeforeEachCallback, AfterEachCallback, TestWatcher, AfterAllCallback {

    static final String REPORT_DIR_PROPERTY = "eventport.contract.report.dir";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ContractReportExtension.class);
    private static final String START = "start";

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(START, System.nanoTime());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Object outer = context.getRequiredTestInstances().getAllInstances().get(0);
        if (outer instanceof EventBackendContract contract && contract.backendName() != null) {
            report(context).backend(contract.reportName(), contract.declaredCapabilities());
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, ContractReport.Result.PASSED, "");
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        String reason = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        record(context, ContractReport.Result.SKIPPED, reason.replaceFirst("^Assumption failed: ", ""));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, ContractReport.Result.FAILED, cause == null ? "" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, ContractReport.Result.SKIPPED, reason.orElse("disabled"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (isOutermostClass(context)) {
            report(context).writeTo(Path.of(System.getProperty(REPORT_DIR_PROPERTY, "target/contract")));
        }
    }

    private void record(ExtensionContext context, ContractReport.Result result, String reason) {
        Long start = context.getStore(NAMESPACE).get(START, Long.class);
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        String group = context.getParent().map(ExtensionContext::getDisplayName).orElse("");
        report(context).add(new ContractReport.Case(group, context.getDisplayName(), result, reason, millis));
    }

    private static ContractReport report(ExtensionContext context) {
        ExtensionContext outermost = context;
        while (!isOutermostClass(outermost)) {
            outermost = outermost.getParent().orElseThrow();
        }
        String testClass = outermost.getRequiredTestClass().getName();
        return outermost.getStore(NAMESPACE).computeIfAbsent(ContractReport.class, type -> new ContractReport(testClass),
                ContractReport.class);
    }

    private static boolean isOutermostClass(ExtensionContext context) {
        return context.getTestClass().isPresent() && context.getTestMethod().isEmpty()
                && context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty();
    }
}
