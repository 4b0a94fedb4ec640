package io.ipsc.e2e.web;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The test JVM's two browsers: the one each browser test drives, and a second one for a second person signed in
 * at the same time (a viewer beside the admin). Chromium took seconds to start on a busy machine, and every class
 * started one or two; now each starts once per run, is handed to a class signed out ({@link Browser#reset()}),
 * and is quit when the run ends (the root store closes it).
 */
final class Browsers implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Browsers.class);

    private Browser first;
    private Browser second;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browsers.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("browsers", key -> new Opened(new Browsers()), Opened.class)
                .browsers();
    }

    /** The browser a class drives, signed out. */
    synchronized Browser first() {
        if (first == null) {
            first = Browser.open();
        }
        first.reset();
        return first;
    }

    /** The second person's browser, signed out; {@code close()} hands it back signed out again. */
    synchronized Browser second() {
        if (second == null) {
            second = Browser.open();
        }
        second.reset();
        return second;
    }

    private synchronized void quit() {
        if (first != null) {
            first.quit();
        }
        if (second != null) {
            second.quit();
        }
    }

    /** Both interfaces, as SuiteExtension's: older JUnit versions close only the first, newer ones prefer the second. */
    private record Opened(Browsers browsers) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            browsers.quit();
        }
    }
}
