package io.ipsc.e2e.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The web app's pages as a person uses them: sign in, fill the set-up form, watch provisioning, open a
 * workspace, sign out. Each step waits for what a person would wait for, and leaves a screenshot.
 */
final class WebApp {

    private final Browser browser;
    private final String baseUrl;

    WebApp(Browser browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    void signIn(String email, String password) {
        signInAt(baseUrl + "/sign-in", email, password);
    }

    /** Signs in on the page at {@code url} (a sign-in page, or a page that sends there). */
    void signInAt(String url, String email, String password) {
        browser.go(url, "sign-in");
        fillSignIn(email, password);
    }

    void fillSignIn(String email, String password) {
        WebElement field = browser.await(By.id("email"));
        field.clear();
        field.sendKeys(email);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.clickThrough(By.id("sign-in"));
        browser.shot("after-sign-in");
    }

    void openTenantSetup() {
        browser.go(baseUrl + "/tenant-setup", "tenant-setup");
        browser.await(By.id("create-tenant"));
    }

    /** Fills the set-up form ({@code organization_type} is a radio choice, {@code size} a list) and submits it. */
    void submitTenant(Map<String, String> fields) {
        fields.forEach((name, value) -> {
            if (name.equals("organization_type")) {
                browser.driver().findElement(By.id("type-" + value)).click();
            } else if (name.equals("size")) {
                new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("size"))).selectByValue(value);
            } else {
                WebElement input = browser.driver().findElement(By.id(name));
                input.clear();
                input.sendKeys(value);
            }
        });
        browser.shot("tenant-setup-filled");
        browser.clickThrough(By.id("create-tenant"));
        browser.shot("tenant-setup-submitted");
    }

    /** Replaces what the field with this id holds by {@code value}, as a person types it. */
    void type(String id, String value) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /**
     * Chooses in the search-as-you-type picker whose hidden field has the id {@code field}, with the keyboard only: types
     * {@code typed}, waits for an option named {@code option}, moves to it with the arrow key and takes it with Enter.
     * Returns the id the picker then holds.
     */
    String pick(String field, String typed, String option) {
        WebElement search = browser.driver().findElement(By.id(field + "-search"));
        search.clear();
        search.sendKeys(typed);
        By wanted = By.cssSelector("#" + field + "-options [role=option][data-text=\"" + option + "\"]");
        By options = By.cssSelector("#" + field + "-options [role=option][data-value]");
        // Focusing the field asks for the first options and typing asks again 250 ms after the last key: the list
        // can be replaced while it is read. Choose only once no search is under way (htmx marks the field with
        // htmx-request) and the typed search has had its delay; a list replaced even so is read again.
        sleepPastTheSearchDelay();
        String value = browser.swapping().until(d -> {
            if (search.getAttribute("class").contains("htmx-request") || d.findElements(wanted).isEmpty()
                    || !d.findElement(wanted).isDisplayed()) {
                return null;
            }
            String id = d.findElement(wanted).getAttribute("id");
            int count = d.findElements(options).size();
            for (int i = 0; i <= count && !id.equals(search.getAttribute("aria-activedescendant")); i++) {
                search.sendKeys(Keys.ARROW_DOWN);
            }
            if (!id.equals(search.getAttribute("aria-activedescendant"))) {
                return null;
            }
            String chosen = d.findElement(wanted).getAttribute("data-value");
            search.sendKeys(Keys.ENTER);
            return chosen;
        });
        browser.swapping().until(d -> value.equals(d.findElement(By.id(field)).getAttribute("value")));
        return value;
    }

    private static void sleepPastTheSearchDelay() {
        try {
            Thread.sleep(400);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sets the field with this id to {@code value} as the form will send it: a date or time field's typing differs by locale. */
    void setValue(String id, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]", browser.driver().findElement(By.id(id)), value);
    }

    /**
     * Reloads the calendar's page until the API's availability offers a free slot at {@code at} (2030-06-10T10:00): a
     * clinic's new member reaches dental-service by Kafka, and until then its availability refuses the dentist.
     */
    void awaitFreeSlot(String at) {
        By slot = By.cssSelector("a.free-slot[data-at='" + at + "']");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (browser.driver().findElements(slot).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no free slot at " + at + ":\n" + browser.pageText());
            }
            browser.driver().navigate().refresh();
        }
    }

    /** The error shown at a form field, or null. */
    String fieldError(String field) {
        var errors = browser.driver().findElements(By.id(field + "-error"));
        return errors.isEmpty() ? null : errors.get(0).getText();
    }

    void awaitActive(Duration timeout) {
        browser.awaitText(By.id("tenant-status"), "active", timeout);
        browser.await(By.id("open-workspace"));
        browser.shot("tenant-active");
    }

    void signOut() {
        browser.clickThrough(By.id("sign-out"));
        browser.awaitUrlContaining("/sign-in");
        browser.shot("signed-out");
    }
}
