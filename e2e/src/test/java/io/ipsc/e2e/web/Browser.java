package io.ipsc.e2e.web;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Debian's chromium, headless, driven through Debian's chromium-driver given explicitly, so that
 * Selenium downloads nothing. Every page visited is saved as a PNG under web/target/screenshots/ (the place: beside the module they show).
 * Without the two packages the browser tests are skipped with what to install, except on CI
 * ({@code CI=true}), where a missing browser fails the build.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of(System.getProperty("ipsc.repo", ".."), "web/target/screenshots").toAbsolutePath().normalize();
    /** What a person waits for an ordinary page; provisioning has its own, longer wait. */
    static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    private static final AtomicInteger SHOTS = new AtomicInteger();

    private final WebDriver driver;
    private final Dimension firstSize;

    private Browser(WebDriver driver) {
        this.driver = driver;
        this.firstSize = driver.manage().window().getSize();
    }

    static void requireInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String message = "The web app's browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + " (CI=true: a missing browser fails the build)");
            }
            Assumptions.abort(message);
        }
    }

    /** A browser for the whole run: {@link Browsers} opens it, hands it to each class and quits it at the end. */
    static Browser open() {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // A phone-to-laptop width: pages are mobile first, the screenshots show the wider layout.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1024,900",
                "--disable-gpu", "--lang=en-IN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    /**
     * As a newly opened browser: no page, the first window size, and no cookie of any host (the web app's session
     * cookie lives on localhost and on each tenant's &lt;slug&gt;.localhost, which deleteAllCookies would not reach).
     */
    void reset() {
        driver.get("about:blank");
        ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.manage().window().setSize(firstSize);
    }

    WebDriver driver() {
        return driver;
    }

    void go(String url, String screenshot) {
        driver.get(url);
        shot(screenshot);
    }

    WebElement await(By what) {
        return new WebDriverWait(driver, PAGE_WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    /** Clicks a button or link and waits until the next page has replaced this one. */
    void clickThrough(By button) {
        WebElement element = driver.findElement(button);
        element.click();
        new WebDriverWait(driver, PAGE_WAIT).until(d -> gone(element));
        new WebDriverWait(driver, PAGE_WAIT).until(d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** A wait on a page whose parts htmx swaps: an element found just before its fragment is replaced is looked for again. */
    WebDriverWait swapping() {
        WebDriverWait wait = new WebDriverWait(driver, PAGE_WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Whether {@code element} has left the document. Chromedriver tells it two ways: a stale reference, or, when the page
     * is replaced while it looks, "Node with given id does not belong to the document" as an unknown error (which
     * ExpectedConditions.stalenessOf does not recognise, and which once failed a test whose click had worked).
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    void awaitText(By what, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).pollingEvery(Duration.ofMillis(250))
                .until(ExpectedConditions.textToBe(what, text));
    }

    void awaitUrlContaining(String part) {
        new WebDriverWait(driver, PAGE_WAIT).until(ExpectedConditions.urlContains(part));
    }

    String text(By what) {
        return driver.findElement(what).getText();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** For {@code @RegisterExtension}: a failed test leaves a screenshot of the browser {@code current} gives (none before it opens). */
    static TestWatcher failureShots(Supplier<Browser> current) {
        return new TestWatcher() {
            @Override
            public void testFailed(ExtensionContext context, Throwable cause) {
                Browser browser = current.get();
                if (browser != null) {
                    browser.shot("FAILED-" + context.getRequiredTestMethod().getName());
                }
            }
        };
    }

    /** Saves what the browser shows now as NN-name.png. */
    void shot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SCREENSHOTS.resolve(String.format("%02d-%s.png", SHOTS.incrementAndGet(), name)),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a screenshot", e);
        }
    }

    /** Hands the browser back signed out: it stays open for the next class ({@link #quit()} ends it). */
    @Override
    public void close() {
        reset();
    }

    void quit() {
        driver.quit();
    }
}
