package io.rapport.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium, with the flags this kind of machine needs and a fresh profile. When
 * Chromium is not installed the test is skipped locally but fails on CI ({@code CI=true}): browser tests never
 * disappear silently from a CI run. Every page the browser visits is held to the Content-Security-Policy: a
 * violation Chromium reports on its console ("Refused to ...", "... violates the
 * following Content Security Policy directive ...") fails the test at the next page and at the end. Every page
 * opened with {@link #open} is also checked by axe-core ({@link Axe}, the accessibility gate of issue 20): a violation
 * of impact "serious" or "critical" fails the test when the browser closes, listed by page (ids in the address
 * shown as {@code {id}}). {@code -Drapport.axe=off} leaves the check out for a local run.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static final boolean AXE = !"off".equals(System.getProperty("rapport.axe", "on"));

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;
    /** Whether Chromium evaluates axe-core in every new document of this browser ({@link Axe}). */
    boolean axeOnEveryPage;
    private final java.util.Map<String, List<String>> inaccessible = new java.util.LinkedHashMap<>();

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    /** Starts Chromium (laptop-sized window, the given Accept-Language) for a server on localhost:port. */
    public static Browser start(int port, String acceptLanguage) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            // a browser test that cannot run fails: it is never skipped silently
            Assertions.fail("Chromium and chromedriver are needed for browser tests (apt-get install chromium "
                    + "chromium-driver)");
        }
        Path profile = Files.createTempDirectory("rapport-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--lang=" + acceptLanguage,
                "--window-size=1366,900",
                // without transitions: axe measured a button's contrast mid-way through Bootstrap's hover
                // transition (a preview answered within its 150 ms) and reported a colour pair no one sees
                "--force-prefers-reduced-motion");
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", acceptLanguage));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        return new Browser(driver, profile, "http://localhost:" + port);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        openUnaudited(path);
        if (AXE) {
            audit();
        }
    }

    /**
     * Opens a page without the axe-core audit, for a test that checks something else (the layout) on pages whose
     * accessibility another browser test already audits in the same languages; the Content-Security-Policy check
     * still applies.
     */
    public void openUnaudited(String path) {
        assertNoCspViolations();
        driver.get(baseUrl + path);
    }

    /**
     * Runs axe-core on the page shown now (a page of the application: HTML with a {@code main}) and keeps its serious
     * and critical violations for {@link #assertAccessible}.
     */
    public void audit() {
        Object isPage = driver.executeScript("return document.contentType === 'text/html'"
                + " && document.querySelector('main') !== null");
        if (!Boolean.TRUE.equals(isPage)) {
            return;
        }
        try {
            List<String> found = Axe.seriousViolations(this);
            if (!found.isEmpty()) {
                String page = driver.getCurrentUrl().replace(baseUrl, "")
                        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
                inaccessible.putIfAbsent(page, found);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fails when a page opened so far had a serious or critical axe-core violation. */
    public void assertAccessible() {
        Assertions.assertEquals(java.util.Map.of(), inaccessible,
                "serious or critical axe-core violations (page: rule (impact): elements)");
    }

    /** Fails when the browser's console reported a Content-Security-Policy violation since the last look. */
    public void assertNoCspViolations() {
        List<String> refused = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            // older Chromium says "Refused to execute inline script ...", newer "Executing inline script violates
            // the following Content Security Policy directive ..."
            String message = entry.getMessage();
            if (message.contains("Refused to") || message.contains("Content Security Policy")) {
                refused.add(entry.getMessage());
            }
        }
        Assertions.assertEquals(List.of(), refused, "Content-Security-Policy violations on " + driver.getCurrentUrl());
    }

    /**
     * Waits until the parts of the page htmx loads after it is shown (subgrids, timeline, line items) are in place
     * and no htmx request is under way: a condition, never a fixed sleep.
     */
    public void awaitLoaded() {
        waitUntil(d -> Boolean.TRUE.equals(driver.executeScript("return document.readyState === 'complete'"
                + " && document.querySelector('.loading-placeholder, [hx-trigger=load]:empty, .htmx-request') === null")));
    }

    public WebElement find(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public <T> T waitUntil(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        // htmx swaps parts of the page while we look at them: an element gone stale is looked up again, and so is
        // one Chromium reports as "Node with given id does not belong to the document" (see gone)
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (org.openqa.selenium.WebDriverException e) {
                        if (leftTheDocument(e)) {
                            return null;
                        }
                        throw e;
                    }
                });
    }

    /**
     * Until the element has left the document (the page it belongs to was replaced). Chromium answers a question
     * about an element of a page being replaced either as a stale element or as "Node with given id does not belong to
     * the document" (an inspector error, not a StaleElementReferenceException): both mean it is gone.
     */
    public static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> gone(WebElement element) {
        return d -> {
            try {
                element.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (leftTheDocument(e)) {
                    return true;
                }
                throw e;
            }
        };
    }

    private static boolean leftTheDocument(org.openqa.selenium.WebDriverException e) {
        return e instanceof org.openqa.selenium.StaleElementReferenceException
                || String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    public void signIn(String user, String password) {
        open("/login");
        find(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("global-search")));
    }

    /** Lets the page download files, into a fresh directory that is returned. */
    public Path allowDownloads() throws IOException {
        Path dir = Files.createTempDirectory(profile, "downloads-");
        driver.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow",
                "downloadPath", dir.toAbsolutePath().toString()));
        return dir;
    }

    /** Waits for a finished download (no partial {@code .crdownload} file) and returns it. */
    public Path awaitDownload(Path dir) {
        return new WebDriverWait(driver, WAIT).until(d -> {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> all = files.toList();
                return all.stream().noneMatch(p -> p.toString().endsWith(".crdownload")) && !all.isEmpty()
                        ? all.get(0) : null;
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** Saves a PNG of the current page under target/screenshots. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        AssertionError refused = null;
        try {
            assertNoCspViolations();
            assertAccessible();
        } catch (AssertionError e) {
            refused = e;
        } finally {
            driver.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (refused != null) {
            throw refused;
        }
    }
}
