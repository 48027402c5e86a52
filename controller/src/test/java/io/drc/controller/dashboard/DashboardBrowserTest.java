package io.drc.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The web dashboard in headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs) against a
 * daemon on the simulator: readiness, a viewer without buttons, an operator's failover through the dialog with the
 * timeline following it live. Screenshots go to target/dashboard-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    static DaemonOnSimulator drc;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        drc = new DaemonOnSimulator().startDaemon();
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
    void aViewerSeesReadinessAndNoActionButtons() {
        signIn(DaemonOnSimulator.VIEWER);
        List<String> resources = browser.findElements(By.cssSelector("#resources tbody tr")).stream()
                .map(r -> r.getAttribute("data-resource")).toList();
        assertThat(resources).containsExactlyInAnyOrder(drc.configuration().getProtect().stream()
                .map(p -> p.id()).toArray(String[]::new));
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
        screenshot("viewer");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844)); // a phone's screen
        assertThat(browser.findElement(By.id("serving-region")).isDisplayed()).isTrue();
        assertThat((Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("horizontal overflow on a phone, in CSS pixels").isLessThanOrEqualTo(0L);
        screenshot("viewer-phone");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 1600));
        signOut();
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    @Order(0)
    void thePageAndItsAssetsNeedNoTokenButTheApiDoes() {
        assertThat(drc.api("/", null).get().getStatus()).isEqualTo(200);
        assertThat(drc.api("/", null).get(String.class)).contains("<title>drc");
        assertThat(drc.api("/assets/app.js", null).get().getStatus()).isEqualTo(200);
        assertThat(drc.api("/assets/app.css", null).get().getStatus()).isEqualTo(200);
        assertThat(drc.api("/api/v1/whoami", null).get().getStatus()).isEqualTo(401);
        assertThat(DaemonOnSimulator.body(drc.api("/api/v1/whoami", DaemonOnSimulator.VIEWER).get()).get("role")
                .asText()).isEqualTo("viewer");
    }

    @Test
    @Order(2)
    void anOperatorFailsOverThroughTheDialogAndWatchesTheTimeline() {
        signIn(DaemonOnSimulator.OPERATOR);
        browser.findElement(By.id("failover-button")).click();
        waitUpTo(60).until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#plan-steps > li"), 3));
        assertThat(browser.findElement(By.id("plan-steps")).getText()).contains("PromoteDatabase", "ShiftTraffic");
        screenshot("failover-dialog");

        browser.findElement(By.id("reason")).sendKeys("browser test");
        browser.findElement(By.id("confirm-region")).sendKeys("us-east-1");
        browser.findElement(By.id("start-submit")).click();
        waitUpTo(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("start-error"), "Refused"));
        assertThat(browser.findElement(By.id("start-error")).getText()).contains("us-west-2");
        assertThat(drc.api("/api/v1/executions", DaemonOnSimulator.VIEWER).get(String.class)).contains("\"items\":[]");

        WebElement confirm = browser.findElement(By.id("confirm-region"));
        confirm.clear();
        confirm.sendKeys("us-west-2");
        browser.findElement(By.id("start-submit")).click();
        waitUpTo(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        waitUpTo(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lanes .step")));
        String id = DaemonOnSimulator.body(drc.api("/api/v1/executions", DaemonOnSimulator.VIEWER).get())
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

        assertThat(drc.execution(id).get("status").asText()).isEqualTo("SUCCEEDED");
        List<WebElement> steps = browser.findElements(By.cssSelector("#lanes .step"));
        assertThat(steps).extracting(s -> s.getAttribute("data-name"))
                .contains("PromoteDatabase", "ShiftTraffic", "MarkRecovered");
        assertThat(steps).allSatisfy(s -> assertThat(s.getAttribute("data-status")).isEqualTo("SUCCEEDED"));
        assertThat(midRun[0]).as("the page showed some steps green and others not yet: " + progress).isTrue();
        waitUpTo(30).until(ExpectedConditions.textToBe(By.id("serving-region"), "us-west-2"));
    }
}
