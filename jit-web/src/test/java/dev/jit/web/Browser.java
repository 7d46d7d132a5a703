package dev.jit.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through /usr/bin/chromedriver. Both paths are given explicitly, so Selenium
 * Manager never runs and nothing is downloaded.
 */
public final class Browser implements AutoCloseable {
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = "/usr/bin/chromium";

    final ChromeDriver driver;
    private final Path screenshots;

    public Browser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,800");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        screenshots = Path.of(System.getProperty("jit.web.screenshots", "target/screenshots"));
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits until the view has rendered its data (see src/interactive.ts). */
    public void waitReady(String view) {
        try {
            waitFor(Duration.ofSeconds(15), () -> view.equals(js("return document.documentElement.dataset.ready || ''")));
        } catch (org.openqa.selenium.TimeoutException e) {
            Path shot = screenshot("timeout-" + view);
            throw new AssertionError("view '" + view + "' never became ready at " + driver.getCurrentUrl()
                    + " (screenshot " + shot + "); page text: " + js("return document.body.innerText")
                    + "; finished requests: " + js("return performance.getEntriesByType('resource').map(r => r.name).join(' ')"), e);
        }
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, timeout).until(d -> condition.getAsBoolean());
    }

    /** Sets the viewport (not the window) to width x height CSS pixels. */
    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long dw = width - ((Number) js("return window.innerWidth")).longValue();
        long dh = height - ((Number) js("return window.innerHeight")).longValue();
        if (dw != 0 || dh != 0) {
            driver.manage().window().setSize(new Dimension(width + (int) dw, height + (int) dh));
        }
    }

    /** The visible text of every element matching {@code css}, read in one go (no stale elements). */
    @SuppressWarnings("unchecked")
    public List<String> texts(String css) {
        return (List<String>) js("return [...document.querySelectorAll(arguments[0])].map(e => e.innerText)", css);
    }

    /** Emulates the system colour scheme, as the OS setting would. */
    void systemScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /**
     * Runs axe-core (npm {@code axe-core}, WCAG 2.0/2.1 A and AA rules) on the page as it is now and fails on any
     * violation of serious or critical impact, naming the rule, the elements and axe's own explanation.
     */
    @SuppressWarnings("unchecked")
    public void assertAccessible(String what) {
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object'"))) {
            js(AXE_SOURCE);
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
                        + " resultTypes: ['violations']})"
                        + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 5)"
                        + ".map(n => n.target.join(' ') + ' (' + n.failureSummary.replace(/\\s+/g, ' ') + ')').join('; '))))"
                        + ".catch(e => done(['axe failed: ' + e]));");
        List<String> violations = (List<String>) result;
        if (!violations.isEmpty()) {
            Path shot = screenshot("axe-" + what);
            throw new AssertionError("accessibility violations in " + what + " (screenshot " + shot + "):\n  "
                    + String.join("\n  ", violations));
        }
    }

    private static final String AXE_SOURCE = readAxe();

    private static String readAxe() {
        try (var in = Browser.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath: run npm ci in jit-web first");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path target = screenshots.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
