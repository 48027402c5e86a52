package io.drc.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.drc.controller.engine.DaemonOnSimulator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboard in headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs) against the
 * demo: {@code config/demo.yml} as shipped ({@link DaemonOnSimulator#startDemo}), on a demo-seeded simulator whose
 * clock the test moves. The demo token is first a viewer's (its role overridden: the demo has one token) and then,
 * after a restart, the operator's it is. Readiness with the demo's four resources, paged and filtered to the
 * non-compliant ones, a viewer without buttons, replicate-now and a failover through their dialogs with the timeline
 * following live; labels, contrast, the Tab order and a phone's width. Screenshots of each view go to
 * target/dashboard-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    static final String TOKEN = DaemonOnSimulator.DEMO_TOKEN;
    static final List<String> DEMO_RESOURCES = List.of("web", "web-data", "shop-db", "shop-db-replica");
    static DaemonOnSimulator drc;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        drc = new DaemonOnSimulator(0.05).withReplication(true) // the demo's timeScale
                .startDemo(ConfigOverride.config("auth.tokens[0].role", "viewer"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1200,1600",
                "--user-data-dir=" + Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    /** The browser itself: Debian's /usr/bin/chromium is a wrapper script that chromedriver cannot always drive. */
    private static String chromium() {
        return Files.isExecutable(Path.of("/usr/lib/chromium/chromium")) ? "/usr/lib/chromium/chromium" : "/usr/bin/chromium";
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        drc.close();
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    /** Opens the page in a fresh browser session (no token kept from an earlier test) and enters {@code token}. */
    private static void signIn(String token) {
        browser.get("http://127.0.0.1:" + drc.port() + "/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        WebElement field = waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waitUpTo(30).until(ExpectedConditions.textToBe(By.id("serving-region"), "us-east-1"));
    }

    private static void signOut() {
        browser.findElement(By.id("sign-out")).click();
        waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    }

    private static void screenshot(String name) {
        try {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Path.of("target", "dashboard-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void aViewerSeesTheDemosReadinessAndNoActionButtons() throws Exception {
        signIn(TOKEN);
        assertThat(browser.findElement(By.id("who")).getText()).contains("viewer");
        List<String> resources = browser.findElements(By.cssSelector("#resources tbody tr")).stream()
                .map(r -> r.getAttribute("data-resource")).toList();
        assertThat(resources).containsExactlyElementsOf(DEMO_RESOURCES);
        assertThat(browser.findElement(By.id("serving")).getText()).contains("us-east-1", "us-west-2");
        waitUpTo(30).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#resources td.history svg"),
                resources.size()));
        assertThat(browser.findElement(By.cssSelector("#resources tr[data-resource=web] svg")).getAttribute("aria-label"))
                .contains("RPO samples", "900 s");
        assertThat(browser.findElements(By.cssSelector("#checks tbody tr"))).isNotEmpty();
        for (String button : List.of("failover-button", "failback-button", "replicate-button", "approve-button",
                "cancel-button")) {
            assertThat(browser.findElement(By.id(button)).isDisplayed()).as(button).isFalse();
        }
        assertThat(unlabelledControls()).as("form controls without an accessible name").isEmpty();
        assertThat(lowContrastText()).as("text under WCAG AA contrast (4.5:1)").isEmpty();
        assertThat(tabOrder()).as("what Tab reaches").contains("sign-out", "noncompliant-only", "page-size");
        screenshot("viewer");

        // a page at a time and only the failing ones, all by keyboard: what an SRE with 10,000 resources needs
        WebElement pageSize = browser.findElement(By.id("page-size"));
        pageSize.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2", Keys.TAB);
        waitUpTo(30).until(d -> shownResources().equals(List.of("web", "web-data")));
        assertThat(browser.findElement(By.id("resource-count")).getText())
                .contains("Page 1: 2 resources", "4 in all", "more on the next page");
        assertThat(browser.findElement(By.id("previous-page")).isEnabled()).isFalse();
        browser.findElement(By.id("next-page")).sendKeys(Keys.ENTER);
        waitUpTo(30).until(d -> shownResources().equals(List.of("shop-db", "shop-db-replica")));
        assertThat(browser.findElement(By.id("next-page")).isEnabled()).as("the last page has no next").isFalse();
        browser.findElement(By.id("previous-page")).sendKeys(Keys.ENTER);
        waitUpTo(30).until(d -> shownResources().equals(List.of("web", "web-data")));
        pageSize.sendKeys(Keys.chord(Keys.CONTROL, "a"), "100", Keys.TAB);
        waitUpTo(30).until(d -> shownResources().equals(DEMO_RESOURCES));

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844)); // a phone's screen
        assertThat(browser.findElement(By.id("serving-region")).isDisplayed()).isTrue();
        assertThat((Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("horizontal overflow on a phone, in CSS pixels").isLessThanOrEqualTo(0L);
        screenshot("viewer-phone");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 1600));
        signOut();
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.length")).isEqualTo(0L);

        // the same demo, its token an operator's again, as config/demo.yml has it
        drc.stopDaemon();
        drc.startDemo();
    }

    /** The resource rows the page shows, in order. */
    @SuppressWarnings("unchecked")
    private static List<String> shownResources() {
        // read in one script: the page re-renders the rows every 5 s, which would leave element handles stale
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#resources tbody tr')].map((r) => r.dataset.resource)");
    }

    /** The ids (or text) of the elements Tab moves the focus to, from the top of the page, once round. */
    private static List<String> tabOrder() {
        ((JavascriptExecutor) browser).executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
        List<String> reached = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            String name = focused.getAttribute("id").isEmpty() ? focused.getText() : focused.getAttribute("id");
            if (reached.contains(name)) {
                break;
            }
            reached.add(name);
        }
        return reached;
    }

    /** Inputs, buttons and selects that a screen reader could not name (no label, no text, no aria-label). */
    @SuppressWarnings("unchecked")
    private static List<String> unlabelledControls() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll('input, select, textarea, button')].filter((e) => {
                  const labels = e.labels ? [...e.labels].map((l) => l.textContent.trim()).join('') : '';
                  return !(labels || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent.trim()));
                }).map((e) => e.id || e.outerHTML.slice(0, 80));""");
    }

    /** Visible text whose contrast with the background behind it is under WCAG AA's 4.5:1. */
    @SuppressWarnings("unchecked")
    private static List<String> lowContrastText() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript("""
                const channels = (c) => c.match(/[\\d.]+/g).map(Number);
                const luminance = (c) => { const [r, g, b] = channels(c).slice(0, 3).map((v) => { v /= 255;
                  return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
                  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                const opaque = (c) => { const v = channels(c); return v.length < 4 || v[3] > 0; };
                const background = (e) => { for (; e; e = e.parentElement) {
                  const c = getComputedStyle(e).backgroundColor; if (opaque(c)) return c; } return 'rgb(255, 255, 255)'; };
                const low = [];
                for (const e of document.querySelectorAll('body *')) {
                  if (e.getClientRects().length === 0) continue;
                  if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
                  const a = luminance(getComputedStyle(e).color), b = luminance(background(e));
                  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                  if (ratio < 4.5) low.push((e.id || e.tagName) + ' ' + ratio.toFixed(2) + ': ' + e.textContent.trim().slice(0, 40));
                }
                return low;""");
    }

    @Test
    @Order(0)
    void thePageAndItsAssetsNeedNoTokenButTheApiDoes() {
        assertThat(drc.api("/", null).get().getStatus()).isEqualTo(200);
        assertThat(drc.api("/", null).get(String.class)).contains("<title>drc");
        assertThat(drc.api("/assets/app.js", null).get().getStatus()).isEqualTo(200);
        assertThat(drc.api("/assets/app.css", null).get().getStatus()).isEqualTo(200);
        assertThat(drc.api("/api/v1/whoami", null).get().getStatus()).isEqualTo(401);
        assertThat(DaemonOnSimulator.body(drc.api("/api/v1/whoami", TOKEN).get()).get("role")
                .asText()).isEqualTo("viewer");
    }

    @Test
    @Order(2)
    void anOperatorReplicatesNowThroughTheDialogThatShowsThePlanFirst() {
        signIn(TOKEN);
        // the start-up baseline copies run to completion first (the dry run, which starts nothing, says when none is
        // in flight any more), so the RPO charts have samples and the dialog has three copies to offer
        drc.driveUntil(Duration.ofSeconds(5), () -> DaemonOnSimulator.body(drc.api("/api/v1/replication/run", TOKEN)
                .post(jakarta.ws.rs.client.Entity.json("{\"dryRun\": true}"))).get("copies").size() == 3,
                () -> "no copy in flight: " + drc.api("/api/v1/status", TOKEN).get(String.class));
        long seq = drc.simulator.journal().lastSeq();
        assertThat(tabOrder()).as("what Tab reaches").contains("failover-button", "failback-button", "replicate-button");
        browser.findElement(By.id("replicate-button")).sendKeys(Keys.ENTER); // by keyboard
        // "Dry run:" is the answer's; the placeholder while it is worked out says "(dry run, changes nothing)"
        waitUpTo(60).until(ExpectedConditions.textToBePresentInElementLocated(By.id("replicate-summary"), "Dry run:"));
        assertThat(browser.findElement(By.id("replicate-summary")).getText()).startsWith("Dry run: these copies");
        assertThat(browser.findElement(By.id("replicate-submit")).isEnabled()).isTrue();
        // every resource with copies is listed, as a copy to start or (a cron firing meanwhile) one in flight
        assertThat(browser.findElements(By.cssSelector("#replicate-copies > li")))
                .extracting(li -> li.getAttribute("data-resource"))
                .containsExactlyInAnyOrder("web", "web-data", "shop-db");
        assertThat(browser.findElement(By.id("replicate-copies")).getText()).contains("ec2:CreateImage in us-east-1",
                "ec2:CopySnapshot to us-west-2", "rds:CreateDBSnapshot in us-east-1");
        // (the daemon keeps publishing its RPO metrics to CloudWatch meanwhile: that is no copy)
        assertThat(drc.simulator.journal().since(seq)).as("the dry run created, copied or deleted nothing")
                .noneMatch(c -> c.mutating() && !c.service().equals("monitoring"));
        screenshot("replicate-dialog");
        browser.findElement(By.id("replicate-submit")).click();
        waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-message"),
                "Replication started for"));
        waitUpTo(60).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#resources td.history svg"), 4));
        screenshot("operator");

        // only the failing ones, by keyboard: once the copies land and RPO is measured, the filter leaves some out
        // (before the failover: afterwards replication pauses and every RPO grows past its target)
        List<String> notCompliant = new java.util.ArrayList<>();
        drc.driveUntil(Duration.ofSeconds(5), () -> {
            notCompliant.clear();
            DaemonOnSimulator.body(drc.api("/api/v1/status?compliant=false", TOKEN).get()).get("resources")
                    .forEach(r -> notCompliant.add(r.get("id").asText()));
            return notCompliant.size() < DEMO_RESOURCES.size();
        }, () -> "a resource measured compliant: " + drc.api("/api/v1/status", TOKEN).get(String.class));
        browser.findElement(By.id("noncompliant-only")).sendKeys(Keys.SPACE);
        waitUpTo(30).until(d -> shownResources().equals(notCompliant));
        int n = notCompliant.size();
        assertThat(browser.findElement(By.id("resource-count")).getText()).contains("not known to be compliant",
                "(4 in all: " + (4 - n) + " compliant, " + n + " not)");
        assertThat(browser.findElements(By.cssSelector("#resources td span.ok"))).as("a compliant row").isEmpty();
        screenshot("non-compliant");
        browser.findElement(By.id("noncompliant-only")).sendKeys(Keys.SPACE);
        waitUpTo(30).until(d -> shownResources().equals(DEMO_RESOURCES));
    }

    @Test
    @Order(3)
    void anOperatorFailsOverThroughTheDialogAndWatchesTheTimeline() {
        signIn(TOKEN);
        browser.findElement(By.id("failover-button")).click();
        waitUpTo(60).until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#plan-steps > li"), 3));
        assertThat(browser.findElement(By.id("plan-steps")).getText()).contains("PromoteDatabase", "ShiftTraffic");
        screenshot("failover-dialog");

        browser.findElement(By.id("reason")).sendKeys("browser test");
        browser.findElement(By.id("confirm-region")).sendKeys("us-east-1");
        browser.findElement(By.id("start-submit")).click();
        waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("start-error"), "Refused"));
        assertThat(browser.findElement(By.id("start-error")).getText()).contains("us-west-2");
        assertThat(drc.api("/api/v1/executions", TOKEN).get(String.class)).contains("\"items\":[]");

        WebElement confirm = browser.findElement(By.id("confirm-region"));
        confirm.clear();
        confirm.sendKeys("us-west-2");
        browser.findElement(By.id("start-submit")).click();
        waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lanes .step")));
        String id = DaemonOnSimulator.body(drc.api("/api/v1/executions", TOKEN).get())
                .get("items").get(0).get("id").asText();

        // drive simulated time; between steps, note how many steps the page shows green
        Set<String> progress = new HashSet<>();
        boolean[] midRun = {false};
        drc.driveUntil(Duration.ofSeconds(5), () -> {
            List<WebElement> steps = browser.findElements(By.cssSelector("#lanes .step"));
            long green = steps.stream().filter(s -> "SUCCEEDED".equals(s.getAttribute("data-status"))).count();
            progress.add(green + "/" + steps.size());
            if (!midRun[0] && green > 0 && green < steps.size()) {
                screenshot("timeline-running");
                midRun[0] = true;
            }
            return "SUCCEEDED".equals(browser.findElement(By.id("timeline-status")).getText());
        }, () -> "the timeline of " + id + " to show SUCCEEDED; it shows "
                + browser.findElement(By.id("timeline-status")).getText());
        screenshot("timeline-succeeded");

        assertThat(DaemonOnSimulator.body(drc.api("/api/v1/executions/" + id, TOKEN).get()).get("status").asText())
                .isEqualTo("SUCCEEDED");
        List<WebElement> steps = browser.findElements(By.cssSelector("#lanes .step"));
        assertThat(steps).extracting(s -> s.getAttribute("data-name"))
                .contains("PromoteDatabase", "ShiftTraffic", "MarkRecovered");
        assertThat(steps).allSatisfy(s -> assertThat(s.getAttribute("data-status")).isEqualTo("SUCCEEDED"));
        assertThat(midRun[0]).as("the page showed some steps green and others not yet: " + progress).isTrue();
        waitUpTo(30).until(ExpectedConditions.textToBe(By.id("serving-region"), "us-west-2"));
    }
}
