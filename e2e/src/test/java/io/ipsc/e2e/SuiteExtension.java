package io.ipsc.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the test classes one {@link LocalSuite}, started on first use and stopped once every test of
 * the run is done: starting six JVMs is most of the module's time, so it happens once, not per class.
 */
public final class SuiteExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalSuite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store lives for the whole run and closes its values at the end.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("suite", key -> new StartedSuite(startSuite()), StartedSuite.class)
                .suite();
    }

    private static LocalSuite startSuite() {
        try {
            LocalSuite suite = LocalSuite.start();
            // The document describes the gateway: answers of the services' own ports are not held to it.
            OpenApiAnswers.snapshot().watchGateway(suite.gatewayPort());
            return suite;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Both interfaces: older JUnit versions close only the first, newer ones prefer the second. */
    private record StartedSuite(LocalSuite suite) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            suite.close();
        }
    }
}
