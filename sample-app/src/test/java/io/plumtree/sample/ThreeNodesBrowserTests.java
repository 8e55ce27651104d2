package io.plumtree.sample;

import io.plumtree.spring.actuate.PlumtreeEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three sample-app nodes in this JVM on ephemeral loopback ports (the second and third seeded with the first), and a
 * headless Chromium with node-1's page in one window and node-2's in another: what a user of the demo sees.
 */
class ThreeNodesBrowserTests {

    /** Longest wait for anything the cluster or the pages do. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static WebDriver browser;
    /** Window handles of node-1's and node-2's pages. */
    private static String page1;
    private static String page2;

    @BeforeAll
    static void startThreeNodesAndTwoPages() {
        browser = HeadlessChromium.start();
        ConfigurableApplicationContext first = start("node-1", "");
        String seed = first.getBean(PlumtreeEndpoint.class).cluster().node().address();
        start("node-2", seed);
        start("node-3", seed);
        browser.get(url(0) + "/");
        page1 = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.get(url(1) + "/");
        page2 = browser.getWindowHandle();
    }

    @AfterAll
    static void stopAll() {
        if (browser != null) {
            browser.quit();
        }
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    private static ConfigurableApplicationContext start(String name, String seed) {
        // Command-line arguments, as bin/plumtree-demo passes them: they override the embedded application.yml.
        ConfigurableApplicationContext node = new SpringApplicationBuilder(SampleApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--plumtree.node-name=" + name,
                "--plumtree.bind-address=127.0.0.1",
                "--plumtree.port=0",
                "--plumtree.seeds=" + seed,
                "--plumtree.leave-propagation=300ms");
        nodes.add(node);
        return node;
    }

    private static String url(int node) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) nodes.get(node)).getWebServer().getPort();
    }

    /**
     * Shows {@code page} and waits, up to the deadline, until {@code condition} holds there. The page re-renders its
     * tables as events stream in, so an element read while it is replaced is stale: that read is simply retried.
     */
    private static void on(String page, String what, java.util.function.Function<WebDriver, Boolean> condition) {
        read(page, what, condition);
    }

    /** Shows {@code page} and waits until {@code reading} answers something (not null, not false), and answers it. */
    private static <T> T read(String page, String what, java.util.function.Function<WebDriver, T> reading) {
        browser.switchTo().window(page);
        return new WebDriverWait(browser, DEADLINE).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(reading);
    }

    private static List<WebElement> all(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css));
    }

    @Test
    void bothPagesShowThreeAliveMembersAndAnEdgeToEachPeer() {
        for (String page : List.of(page1, page2)) {
            on(page, "three ALIVE members in the member list",
                    d -> all(d, "#members tbody tr[data-status='ALIVE']").size() == 3);
            List<String> names = read(page, "the member names", d -> all(d, "#members tbody tr").stream()
                    .map(row -> row.getDomAttribute("data-name")).toList());
            assertThat(names).containsExactly("node-1", "node-2", "node-3");
            on(page, "an eager or lazy edge to each of the two other members",
                    d -> all(d, "#graph line.eager, #graph line.lazy").size() == 2);
        }
        on(page2, "this node's name on its page",
                d -> "node-2".equals(d.findElement(By.id("self")).getText()));
    }

    @Test
    void aNoticePublishedOnOnePageAppearsOnTheOtherWithItsOriginAndHops() {
        String text = "hello from node-1 " + UUID.randomUUID();
        browser.switchTo().window(page1);
        browser.findElement(By.id("notice-text")).sendKeys(text);
        browser.findElement(By.id("notice-send")).click();

        List<String> own = read(page1, "the notice in node-1's own log", d -> rowValues(d, text));
        assertThat(own.get(0)).isEqualTo("node-1");
        assertThat(own.get(1)).isEqualTo("0");

        List<String> delivered = read(page2, "the notice in node-2's log", d -> rowValues(d, text));
        assertThat(delivered.get(0)).isEqualTo("node-1");
        assertThat(Integer.parseInt(delivered.get(1))).isPositive();
        assertThat(delivered.get(2)).contains("notice", "node-1", text);
    }

    /** Origin, hops and text of the log row whose message contains {@code text}, read at once; or null. */
    private static List<String> rowValues(WebDriver driver, String text) {
        WebElement r = row(driver, text);
        return r == null ? null : List.of(r.getDomAttribute("data-origin"), r.getDomAttribute("data-hops"), r.getText());
    }

    /** The log row whose message contains {@code text}, or null. */
    private static WebElement row(WebDriver driver, String text) {
        return all(driver, "#log tbody tr").stream()
                .filter(r -> r.findElement(By.cssSelector("td.text")).getText().contains(text))
                .findFirst().orElse(null);
    }

    @Test
    void anInvalidationFromOnePageDropsTheEntryFromEveryNodesCache() throws Exception {
        String key = "price-" + UUID.randomUUID().toString().substring(0, 8);
        String cached = "#cache tbody tr[data-key='" + key + "']";
        browser.switchTo().window(page2);
        browser.findElement(By.id("cache-key")).sendKeys(key);
        browser.findElement(By.id("cache-read")).click();
        on(page2, "the entry cached on node-2", d -> all(d, cached).size() == 1);
        assertThat(get(2, "/api/cache/" + key)).contains(key.toUpperCase());
        assertThat(get(2, "/api/cache")).contains(key);

        browser.switchTo().window(page1);
        browser.findElement(By.id("cache-key")).sendKeys(key);
        browser.findElement(By.id("cache-invalidate")).click();

        on(page2, "the entry dropped from node-2's cache", d -> all(d, cached).isEmpty());
        await().atMost(DEADLINE).until(() -> !get(2, "/api/cache").contains(key));
        on(page2, "the invalidation in node-2's log", d -> row(d, "drop cached '" + key + "'") != null);
    }

    private static String get(int node, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(node) + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
