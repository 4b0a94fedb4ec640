package io.ipsc.e2e.web;

import io.ipsc.e2e.LocalSuite;
import io.ipsc.e2e.SuiteExtension;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * What every browser test starts from (a fixture, not a test: it asserts nothing itself): the shared suite, the platform admin's API ({@link WebTenants}), and the run's
 * browser, signed out, at the web app's address. A class's own {@code @BeforeAll} runs after this one: it sets up its
 * tenant through {@link #tenants} and signs in through {@link #web}.
 */
@ExtendWith({SuiteExtension.class, Browsers.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserFixture {

    protected LocalSuite suite;
    protected WebTenants tenants;
    protected Browser browser;
    protected WebApp web;
    private Browsers browsers;

    @RegisterExtension
    final TestWatcher failureShots = Browser.failureShots(() -> browser);

    @BeforeAll
    final void takeTheBrowser(LocalSuite suite, Browsers browsers) {
        Browser.requireInstalled();
        this.suite = suite;
        this.browsers = browsers;
        tenants = new WebTenants(suite);
        browser = browsers.first();
        // localhost, not 127.0.0.1: a tenant's workspace lives on <slug>.localhost.
        web = new WebApp(browser, "http://localhost:" + suite.spec("web").port());
    }

    /** The next class finds the browser signed out whatever this one left. */
    @AfterAll
    final void handBackTheBrowser() {
        if (browser != null) {
            browser.reset();
        }
    }

    /** A second person's browser, beside {@link #browser}, signed out; closing it hands it back (it stays open for the run). */
    protected Browser secondBrowser() {
        return browsers.second();
    }

    /** A request to the gateway as the platform admin. */
    protected RequestSpecification api() {
        return tenants.api();
    }
}
