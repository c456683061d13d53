package io.stressflow.workflows.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.Lab;
import io.stressflow.workflows.support.TestChambers;
import io.stressflow.workflows.support.TestUsers;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web console in a real browser: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}) driven by Selenium against one application on real parts, running the demo plan
 * at 3600x. Lab staff log in, upload and launch the plan, load the modules through the rendered
 * form and watch the diagram's active element move; they see the chamber's plot fill with data and
 * open the failed module's lane plots; the manager approves the report with a signature. The other
 * tasks (failure analysis, unloading) are worked through the API meanwhile. Every page is kept as a
 * screenshot under {@code target/console-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

  private static final double SCALE = 3600;
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
  private static final Duration CAMPAIGN_TIMEOUT = Duration.ofMinutes(4);

  ConfigurableApplicationContext app;
  Api api;
  Lab lab;
  WebDriver browser;
  String base;

  @BeforeAll
  void start() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!installed && System.getenv("CI") != null) {
      throw new IllegalStateException(
          "CI must run the browser tests: install chromium and chromium-driver (.ci/run does)");
    }
    Assumptions.assumeTrue(
        installed,
        "No Chromium here ("
            + CHROMIUM
            + ", "
            + DRIVER
            + "): the console's browser tests are"
            + " skipped. Install them with: apt-get install -y chromium chromium-driver");
    Files.createDirectories(SHOTS);
    // the demo plan's two chambers: the cycling in chamber-1 (reference map), the damp heat in
    // chamber-2 (a Binder MB2, which cannot switch humidity off), simulated on loopback
    Path data = TestChambers.dataDir("console");
    Files.createDirectories(data);
    Path labFile = data.resolve("lab.yaml");
    Files.writeString(
        labFile,
        """
        chambers:
          - { id: chamber-1, make: Test, model: THC, registerMap: generic, simulated: true,
              port: 0, calibrationDue: 2099-12-31, location: bay 1 }
          - { id: chamber-2, make: Binder, model: MKF 240, registerMap: binder-mb2,
              simulated: true, port: 0, calibrationDue: 2099-12-31, location: bay 2 }
        """);
    app =
        TestChambers.webLab(
            data,
            SCALE,
            labFile,
            // the demo's bad module: lane 3 of DEMO-05 fails at the 30 h read point
            "--stressflow.modules.seeded-wear=DEMO-05:250:3",
            "--stressflow.camunda.worker-timeout=20s",
            "--stressflow.camunda.retry-backoff=1s");
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    base = "http://127.0.0.1:" + port;
    api = new Api(port);
    // the lab's people; the browser does the loading and the approval, the API the rest
    lab = new Lab(api).answer("load-modules", t -> null).answer("approve-report", t -> null);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1366,1000",
        "--lang=en-GB");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void labAndManagerRunTheDemoCampaignThroughTheConsole() throws Exception {
    try {
      runTheDemoCampaign();
    } catch (Exception | AssertionError e) {
      shot("failure");
      throw e;
    }
  }

  private void runTheDemoCampaign() throws Exception {
    // not logged in: the console sends the browser to its login form; the API stays Basic/401
    browser.get(base + "/");
    waitFor(By.id("username"));
    assertThat(browser.getCurrentUrl()).endsWith("/login");
    assertThat(api.anonymous().get("/api/campaigns").status()).isEqualTo(401);
    shot("01-login");
    logIn(TestUsers.LAB);

    // upload the demo plan, validate it, see its schedule, launch it
    browser.get(base + "/#/plans");
    Path plan = Path.of("src/main/resources/demo/campaign.yaml").toAbsolutePath();
    waitFor(By.id("plan-file")).sendKeys(plan.toString());
    until(d -> d.findElement(By.id("plan-text")).getDomProperty("value").contains("DEMO-05"));
    click(By.id("validate"));
    WebElement schedule = waitFor(By.id("plan-schedule"));
    assertThat(schedule.getText()).contains("tc").contains("dh");
    shot("02-plan");
    click(By.id("launch"));
    until(d -> d.getCurrentUrl().contains("#/campaigns/C-"));
    String id = browser.getCurrentUrl().replaceAll(".*#/campaigns/", "");

    // the diagram marks the instance's active element: it waits for the modules to be loaded
    waitFor(By.cssSelector("#diagram[data-active~='load-modules']"));
    waitFor(By.cssSelector(".djs-element.sf-active[data-element-id='load-modules']"));
    assertThat(browser.findElements(By.cssSelector(".bjs-powered-by")))
        .as("the bpmn.io watermark stays visible")
        .anyMatch(WebElement::isDisplayed);
    shot("03-campaign-waiting");

    // the inbox lists it; the task page renders its Camunda form
    browser.get(base + "/#/tasks");
    click(By.cssSelector("tr[data-element='load-modules'] a.task-link"));
    WebElement connected = waitFor(By.cssSelector("#task-form input[type='checkbox']"));
    assertThat(
            browser
                .findElement(By.cssSelector("#task-form input[type='text']"))
                .getDomProperty("value"))
        .as("the person field is the user")
        .isEqualTo(TestUsers.LAB);
    click(By.id("claim"));
    until(d -> d.findElement(By.id("task-assignee")).getText().equals(TestUsers.LAB));
    // the form's own validation: the required confirmation is marked at its field
    click(By.id("complete"));
    waitFor(By.cssSelector("#task-form .fjs-has-errors"));
    shot("04-task-form-errors");
    connected.click();
    click(By.id("complete"));
    waitFor(By.id("task-done"));
    shot("05-task-completed");

    // one leg's modules are loaded, the other's not yet: the diagram marks the loading both
    // active and done, with a count of each
    browser.get(base + "/#/campaigns/" + id);
    waitFor(By.cssSelector(".djs-element.sf-active.sf-done[data-element-id='load-modules']"));
    until(
        d ->
            d
                .findElements(
                    By.cssSelector(".djs-overlays[data-container-id='load-modules'] .sf-count"))
                .stream()
                .map(WebElement::getText)
                .toList()
                .containsAll(java.util.List.of("1", "✓ 1")));

    // each leg has its own load task (the demo's legs run at once in two chambers): the lab
    // loads the other leg's modules through the API
    lab.answer(
        "load-modules", java.util.Map.of("loadedBy", TestUsers.LAB, "modulesConnected", true));

    // the diagram's active elements move on from the loading: a leg is under stress
    browser.get(base + "/#/campaigns/" + id);
    WebElement diagram = waitFor(By.cssSelector("#diagram[data-active]"));
    until(
        d -> {
          lab.work(id);
          String active = d.findElement(By.id("diagram")).getDomAttribute("data-active");
          return active != null && java.util.List.of(active.split(" ")).contains("stress-leg");
        });
    // once both legs' modules are loaded, the loading is marked as on the path taken
    until(
        d -> {
          lab.work(id);
          return !d.findElements(
                  By.cssSelector(
                      ".djs-element.sf-done:not(.sf-active)[data-element-id='load-modules']"))
              .isEmpty();
        });
    assertThat(diagram.getDomAttribute("data-active")).isNotBlank();

    // the chamber wall and the chamber's live plot, which fills with readings
    browser.get(base + "/#/chambers");
    waitFor(By.cssSelector("#chamber-wall [data-chamber='chamber-1']"));
    shot("06-chamber-wall");
    browser.get(base + "/#/chambers/chamber-1");
    until(d -> points(d, "#plot-temperature") >= 5);
    assertThat(browser.findElements(By.cssSelector("#plot-temperature canvas"))).isNotEmpty();

    // the campaign runs; failure analysis and unloading are worked through the API
    await()
        .atMost(CAMPAIGN_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              lab.work(id);
              return api.get("/api/campaigns/" + id).json().get("failures").size() > 0;
            });
    shot("07-chamber");
    Files.copy(
        SHOTS.resolve("07-chamber.png"),
        SHOTS.resolve("chamber.png"),
        StandardCopyOption.REPLACE_EXISTING);

    // the failed module's lane plots, from the campaign page
    browser.get(base + "/#/campaigns/" + id);
    click(By.cssSelector("#failures a.module-link"));
    waitFor(By.id("failure-snapshot"));
    until(d -> d.findElements(By.cssSelector(".lane-plot canvas")).size() == 3);
    assertThat(browser.findElement(By.id("failure-snapshot")).getText()).contains("Failed");
    assertThat(browser.getCurrentUrl()).contains("#/modules/DEMO-05");
    assertThat(points(browser, ".lane-plot")).isPositive();
    shot("08-module");

    // on to the approval
    await()
        .atMost(CAMPAIGN_TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              lab.work(id);
              JsonNode tasks = api.get("/api/tasks?campaignId=" + id).json();
              return StreamSupport.stream(tasks.spliterator(), false)
                  .anyMatch(t -> "approve-report".equals(t.get("elementId").asText()));
            });
    browser.get(base + "/#/campaigns/" + id);
    waitFor(By.cssSelector("#diagram[data-active~='approve-report']"));
    waitFor(By.id("report"));
    shot("09-campaign");
    Files.copy(
        SHOTS.resolve("09-campaign.png"),
        SHOTS.resolve("campaign.png"),
        StandardCopyOption.REPLACE_EXISTING);

    // the manager approves the report with a signature
    click(By.id("logout"));
    waitFor(By.id("username"));
    logIn(TestUsers.MANAGER);
    browser.get(base + "/#/tasks");
    click(By.cssSelector("tr[data-element='approve-report'] a.task-link"));
    By approve = By.xpath("//div[@id='task-form']//label[normalize-space()='Approve']");
    waitFor(approve);
    click(By.id("claim"));
    until(d -> d.findElement(By.id("task-assignee")).getText().equals(TestUsers.MANAGER));
    click(approve);
    // a wrong password is refused and said so; the task stays open
    browser.findElement(By.id("sig-password")).sendKeys("not-my-password");
    click(By.id("complete"));
    assertThat(waitFor(By.cssSelector("#task-errors .alert")).getText()).isNotBlank();
    browser.findElement(By.id("sig-password")).clear();
    browser.findElement(By.id("sig-password")).sendKeys(TestUsers.PASSWORD);
    shot("10-approval");
    click(By.id("complete"));
    waitFor(By.id("task-done"));

    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> "COMPLETED".equals(campaign(id).get("state").asText()));
    assertThat(campaign(id).get("verdict").asText()).isEqualTo("FAIL");
    browser.get(base + "/#/campaigns/" + id);
    until(d -> d.findElement(By.id("campaign-state")).getText().startsWith("COMPLETED"));
    assertThat(waitFor(By.id("report")).getText()).contains("Signatures");
    shot("11-campaign-completed");
    List<String> events =
        StreamSupport.stream(
                api.get("/api/campaigns/" + id + "/events").json().spliterator(), false)
            .map(e -> e.get("kind").asText() + ":" + e.get("actor").asText())
            .toList();
    assertThat(events).contains("SIGNED:" + TestUsers.MANAGER);
  }

  private JsonNode campaign(String id) {
    return api.get("/api/campaigns/" + id).json().get("campaign");
  }

  private void logIn(String user) {
    browser.get(base + "/login");
    waitFor(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
    click(By.id("login"));
    until(d -> d.findElement(By.id("me")).getText().equals(user));
  }

  private static int points(WebDriver d, String css) {
    return d.findElements(By.cssSelector(css)).stream()
        .map(e -> e.getDomAttribute("data-points"))
        .filter(p -> p != null && !p.isEmpty())
        .mapToInt(Integer::parseInt)
        .max()
        .orElse(0);
  }

  private WebElement waitFor(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void click(By by) {
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.elementToBeClickable(by))
        .click();
  }

  private void until(java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(browser, Duration.ofSeconds(60))
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition::apply);
  }

  private void shot(String name) throws IOException {
    Path file = SHOTS.resolve(name + ".png");
    Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
