package org.detectionatlas.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.detectionatlas.views.Json;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.catalog.RealCatalog;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Opens the pages of the real catalog in Debian's headless chromium, as a new user would, and
 * saves a screenshot of each under target/screenshots. Skipped where /usr/bin/chromium or
 * /usr/bin/chromedriver is missing; .ci/run installs both.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();

    private static AtlasServer server;
    private static ChromeDriver browser;
    private static CatalogIndex index;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        // CI sets ATLAS_REQUIRE_BROWSER so a missing browser fails the run instead of skipping it.
        if (!installed && System.getenv("ATLAS_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("chromium and chromedriver are required (ATLAS_REQUIRE_BROWSER is set) but"
                    + " missing at " + CHROMIUM + " and " + CHROMEDRIVER + "; install the Debian packages chromium"
                    + " and chromium-driver.");
        }
        assumeTrue(installed, "chromium and chromedriver are not installed");
        index = RealCatalog.index();
        server = AtlasServer.start(index, "127.0.0.1", 0);
        profile = Files.createTempDirectory("atlas-chromium");
        Files.createDirectories(DOWNLOADS);
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1400, 1000));
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (profile != null) {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void open(String path) {
        browser.get("http://127.0.0.1:" + server.port() + path);
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    @Test
    void homeShowsMatrixAndFilters() throws IOException {
        open("/");
        screenshot("home");

        assertThat(browser.getTitle()).isEqualTo("ATT&CK coverage · Detection Atlas");
        assertThat(text("h1")).isEqualTo("ATT&CK coverage");
        assertThat(browser.findElements(By.cssSelector(".matrix .tactic"))).hasSize(14);
        WebElement nativeApi = browser.findElement(By.cssSelector(".matrix a.cell[href='/techniques/T1106']"));
        assertThat(nativeApi.getText()).startsWith("T1106\nNative API");
        assertThat(browser.findElement(By.cssSelector("select[name=vendor]")).isDisplayed()).isTrue();
    }

    @Test
    void homeVendorFilterWorksWithoutScript() throws IOException {
        open("/");
        browser.findElement(By.cssSelector("select[name=vendor] option[value=splunk]")).click();
        browser.findElement(By.cssSelector("form.filters button")).click();
        screenshot("home-splunk");

        assertThat(browser.getCurrentUrl()).endsWith("/?vendor=splunk&platform=");
        assertThat(browser.findElement(By.cssSelector("select[name=vendor] option[value=splunk]")).isSelected())
                .isTrue();
    }

    @Test
    void techniqueShowsRulesPerVendor() throws IOException {
        open("/techniques/T1106");
        screenshot("technique-T1106");

        assertThat(text("h1")).isEqualTo("T1106 Native API");
        assertThat(text("#rules h3.vendor-sigma")).isEqualTo("sigma " + count(Vendor.SIGMA, "T1106"));
        assertThat(text("#rules h3.vendor-elastic")).isEqualTo("elastic " + count(Vendor.ELASTIC, "T1106"));
        assertThat(browser.findElement(By.linkText("ATT&CK page")).getAttribute("href"))
                .isEqualTo(index.catalog().technique("T1106").orElseThrow().url());
    }

    @Test
    void techniqueWithSubtechniquesCountsThem() throws IOException {
        open("/techniques/T1059.001");
        screenshot("technique-T1059.001");

        assertThat(text("h1")).isEqualTo("T1059.001 PowerShell");
        assertThat(text("#rules h3.vendor-sigma")).isEqualTo("sigma " + count(Vendor.SIGMA, "T1059.001"));
        assertThat(text("#rules h3.vendor-splunk")).isEqualTo("splunk " + count(Vendor.SPLUNK, "T1059.001"));
    }

    @Test
    void ruleOfEachVendorShowsQueryAndTree() throws IOException {
        for (Vendor vendor : Vendor.values()) {
            Rule rule = firstParsedRule(vendor, "T1106");
            open(Urls.rule(vendor.id(), rule.id()));
            screenshot("rule-" + vendor.id());

            assertThat(text("h1")).isEqualTo(rule.title().strip());
            assertThat(browser.findElements(By.cssSelector("ol.tree li"))).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("pre.query mark"))).isNotEmpty();
            browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("query")));
            screenshot("rule-" + vendor.id() + "-query");
        }
    }

    @Test
    void eventPageListsRules() throws IOException {
        open("/events/Microsoft-Windows-Sysmon/1");
        screenshot("event-sysmon-1");

        assertThat(text("h1")).isEqualTo("Microsoft-Windows-Sysmon 1 · Process creation");
        assertThat(browser.findElements(By.cssSelector("#rules ul.rules li")).size()).isGreaterThan(100);
    }

    @Test
    void searchGroupsResultsByKind() throws IOException {
        open("/");
        WebElement box = browser.findElement(By.cssSelector("header form.search input[name=q]"));
        box.sendKeys("lsass");
        box.submit();
        screenshot("search-lsass");

        assertThat(browser.getCurrentUrl()).endsWith("/search?q=lsass");
        Map<String, Integer> counts = new SiteIndex(index).searchCounts("lsass");
        assertThat(counts.get("rule")).isLessThan(500);
        assertThat(text("#rules h2")).isEqualTo("Rules " + counts.get("rule"));
        assertThat(browser.findElements(By.cssSelector("#rules li"))).hasSize(counts.get("rule"));
        assertThat(text("#values h2")).isEqualTo("Values " + counts.get("value")
                + ", the 50 used by most rules shown: add words to narrow the search");
        assertThat(text("#values li:first-child a")).isEqualTo("process.target.name eq lsass.exe");
    }

    @Test
    void healthPageListsVendors() throws IOException {
        open("/health");
        screenshot("health");

        assertThat(text("h1")).isEqualTo("Parse health");
        assertThat(text("#sigma h2")).isEqualTo("sigma diagnostics");
        assertThat(browser.findElements(By.cssSelector("svg.health"))).hasSize(3);
    }

    @Test
    void fieldPageDrawsOperatorBar() throws IOException {
        open("/fields/process.command_line");
        screenshot("field-process.command_line");

        assertThat(text("h1")).isEqualTo("Field process.command_line");
        assertThat(browser.findElements(By.cssSelector("svg.operators rect"))).isNotEmpty();
    }

    @Test
    void indicatorPageGroupsByTechnique() throws IOException {
        open(Urls.indicator("process.name", "eq", "rundll32.exe"));
        screenshot("indicator-rundll32");

        assertThat(text("h1")).isEqualTo("process.name eq rundll32.exe");
        assertThat(browser.findElements(By.cssSelector("main h2")).size()).isGreaterThan(1);
    }

    @Test
    void navigatorLinkDownloadsLayer() throws Exception {
        Path layer = DOWNLOADS.resolve("detection-atlas-layer.json");
        Files.deleteIfExists(layer);
        open("/?vendor=sigma");
        browser.findElement(By.linkText("ATT&CK Navigator layer")).click();
        for (int i = 0; i < 100 && !Files.exists(layer); i++) {
            Thread.sleep(100);
        }
        JsonNode json = Json.mapper().readTree(layer.toFile());
        JsonNode first = json.get("techniques").get(0);
        String id = first.get("techniqueID").asText();

        assertThat(json.get("versions").get("layer").asText()).isEqualTo("4.5");
        assertThat(json.get("domain").asText()).isEqualTo("enterprise-attack");
        assertThat(first.get("score").asInt()).isEqualTo((int) count(Vendor.SIGMA, id));
    }

    private static long count(Vendor vendor, String technique) {
        return index.activeRules(technique).stream().filter(rule -> rule.vendor() == vendor).count();
    }

    private static Rule firstParsedRule(Vendor vendor, String technique) {
        List<Rule> rules = index.activeRules(technique).stream()
                .filter(rule -> rule.vendor() == vendor && rule.tree() != null)
                .sorted(java.util.Comparator.comparing(Rule::id)).toList();
        if (rules.isEmpty()) {
            return index.catalog().rules().stream().filter(rule -> rule.vendor() == vendor && rule.active()
                    && rule.parseStatus() == org.detectionatlas.model.ParseStatus.PARSED).findFirst().orElseThrow();
        }
        return rules.get(0);
    }
}
