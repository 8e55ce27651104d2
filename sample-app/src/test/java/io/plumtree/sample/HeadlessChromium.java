package io.plumtree.sample;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Headless Chromium driven through {@code chromedriver}, from the Debian packages {@code chromium} and
 * {@code chromium-driver} ({@code .ci/run} installs them). In CI ({@code CI=true}) a missing browser fails the test;
 * elsewhere the test is skipped, saying what to install. {@code -Dchromium} and {@code -Dchromedriver} name other
 * binaries.
 */
final class HeadlessChromium {

    private static final Path BROWSER = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** A new headless browser; fails in CI, or skips the test elsewhere, when Chromium is not installed. */
    static ChromeDriver start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            String missing = "headless Chromium needs " + BROWSER + " and " + DRIVER
                    + " (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(missing + "; CI=true, so the browser test must run, not skip");
            }
            Assumptions.abort("skipping the browser test: " + missing);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-extensions", "--no-first-run", "--window-size=1200,800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        return new ChromeDriver(service, options);
    }
}
