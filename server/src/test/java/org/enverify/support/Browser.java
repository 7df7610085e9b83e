package org.enverify.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium, started from Debian's {@code chromium} through its {@code chromedriver}, that tests click and
 * type in as a person would. Register it with {@code @RegisterExtension} in a {@link BrowserTest} class: it quits
 * Chromium after each test and keeps a screenshot of the page a test failed on.
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    // Generous, as the machines are shared; waits end as soon as their condition holds.
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String language;
    private String testName = "test";
    private String base;
    private ChromeDriver driver;
    private final List<String> hostRules = new ArrayList<>();

    /** A browser that asks for English pages. */
    public Browser() {
        this("en");
    }

    /** A browser whose user interface and {@code Accept-Language} are this language, such as {@code es}. */
    public Browser(String language) {
        this.language = language;
    }

    /** Skips a class whose tests need Chromium on a machine without it, saying what to install. */
    static final class RequireChromium implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
                return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
            }
            return ConditionEvaluationResult.disabled("Browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing; install Debian's chromium and chromium-driver (.ci/run does)");
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testName = context.getRequiredTestMethod().getName();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver == null) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent()) {
                screenshot("failed");
            }
        } finally {
            driver.quit();
            driver = null;
        }
    }

    /**
     * Makes Chromium resolve {@code host} to the loopback address, for pages served only on a host name (the redirect
     * role's); call it before {@link #open}.
     */
    public Browser mapHost(String host) {
        hostRules.add("MAP " + host + " 127.0.0.1");
        return this;
    }

    /** Sends these headers with every request from now on, as a phone app's web view does with its own. */
    public Browser sendHeaders(Map<String, String> headers) {
        driver().executeCdpCommand("Network.enable", Map.of());
        driver().executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", headers));
        return this;
    }

    /** Starts Chromium, pointed at the application on this port. */
    public Browser open(int port) {
        if (driver != null) {
            throw new IllegalStateException("the browser is open already");
        }
        ChromeOptions options = new ChromeOptions();
        // Both paths set, so Selenium Manager never looks for (or downloads) a browser or a driver.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1280,1024",
                "--lang=" + language);
        if (!hostRules.isEmpty()) {
            options.addArguments("--host-resolver-rules=" + String.join(",", hostRules));
        }
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        base = "http://localhost:" + port;
        return this;
    }

    public ChromeDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("open the browser first");
        }
        return driver;
    }

    /**
     * Lays pages out as a screen of this many CSS pixels shows them: {@code phone} makes Chromium a touch screen that
     * honours the pages' viewport tag, as a phone's browser does.
     */
    public Browser viewport(int width, int height, boolean phone) {
        driver().executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", phone));
        return this;
    }

    /** Opens a page of the application, such as {@code /login}. */
    public Browser go(String path) {
        driver().get(path.startsWith("http") ? path : base + path);
        return this;
    }

    /** The path of the page shown, such as {@code /codes/issue}. */
    public String path() {
        return URI.create(driver().getCurrentUrl()).getPath();
    }

    public WebElement find(String css) {
        return driver().findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver().findElements(By.cssSelector(css));
    }

    /** The text of the element as shown, waiting for it to appear. */
    public String text(String css) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)))
                .getText();
    }

    /** Clicks into a field, empties it and types the text key by key. */
    public Browser type(String css, String text) {
        WebElement field = reveal(find(css));
        field.click();
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Chooses the option of a select by its value. */
    public Browser choose(String css, String value) {
        new Select(find(css)).selectByValue(value);
        return this;
    }

    /** Clicks the element, first opening the navigation menus ({@code <details>}) it is in, as a person would. */
    public Browser click(String css) {
        reveal(find(css)).click();
        return this;
    }

    /** Clicks what submits a form or follows a link, and waits until the next page replaced this one. */
    public Browser clickAndWait(String css) {
        WebElement page = find("html");
        click(css);
        return waitUntilReplaced(page);
    }

    /**
     * Opens each closed {@code <details>} around the element by clicking its summary, the outermost first, and
     * scrolls it to the middle of the window at once (Bootstrap's smooth scrolling would leave a click where the
     * element was).
     */
    private WebElement reveal(WebElement element) {
        @SuppressWarnings("unchecked")
        List<WebElement> summaries = (List<WebElement>) driver().executeScript("""
                const summaries = [];
                for (let menu = arguments[0].closest('details:not([open])'); menu;
                     menu = menu.parentElement.closest('details:not([open])')) {
                  summaries.unshift(menu.querySelector(':scope > summary'));
                }
                return summaries;
                """, element);
        summaries.forEach(summary -> scrolledTo(summary).click());
        return scrolledTo(element);
    }

    private WebElement scrolledTo(WebElement element) {
        driver().executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        return element;
    }

    /** Signs in on the sign-in page and waits for the page after it. */
    public Browser signIn(String email, String password) {
        go("/login");
        type("#email", email);
        type("#password", password);
        return clickAndWait("main form button[type=submit]");
    }

    /** Signs out through the account menu's form, submitted as its button would (the menu itself is not under test). */
    public Browser signOut() {
        WebElement page = find("html");
        driver().executeScript("arguments[0].requestSubmit()", find("form[action$='/logout']"));
        return waitUntilReplaced(page);
    }

    /** Waits until {@code page} (an {@code html} element) has left the document because another page loaded. */
    public Browser waitUntilReplaced(WebElement page) {
        waitUntil(driver -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                // Chromium sometimes reports an element of an unloaded page as an inspector error instead
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
        return this;
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), WAIT).until(condition);
    }

    /**
     * What the console said at warning level or above since the last call: script errors, refused loads and
     * Content-Security-Policy violations.
     */
    public List<String> consoleProblems() {
        return driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::toString)
                .toList();
    }

    /** Saves what the window shows as {@code target/screenshots/<test>-<step>.png}. */
    public Path screenshot(String step) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(testName + "-" + step + ".png");
            Files.write(target, driver().getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
