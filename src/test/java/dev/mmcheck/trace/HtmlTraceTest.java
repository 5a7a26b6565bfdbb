package dev.mmcheck.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mmcheck.TestSupport;
import dev.mmcheck.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The page `mmcheck check --html` writes, driven in a real headless Chromium (Debian's, with
 * its chromedriver: explicit paths, so that Selenium never looks for a browser to download).
 */
class HtmlTraceTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium"), CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /**
     * Debian's Chromium is often newer than the DevTools protocols this Selenium ships, and
     * Selenium warns so when it starts; the test speaks WebDriver only. (Held: a logger
     * nothing references may be collected along with its level.)
     */
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    @TempDir static Path dir;
    private static WebDriver browser;
    private static Path ext3, mkclean;

    record Run(int status, String err) {}

    @BeforeAll
    static void pagesAndBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER))
            fail("this test drives " + CHROMIUM + " with " + CHROMEDRIVER + ", and one is missing: run ./run-tests, which installs them");
        ext3 = dir.resolve("ext3.html");
        Run r = check("--html", ext3.toString(), seed("ext3-ordered-2.6.19.mmt"));
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("wrote " + ext3);
        mkclean = dir.resolve("mkclean.html");
        assertThat(check("--html", mkclean.toString(), seed("mkclean-x86-2.6.19.mmt")).status()).isEqualTo(0);
        CDP_LOG.setLevel(Level.SEVERE);
        browser = chromium();
    }

    @AfterAll
    static void quit() {
        if (browser != null) browser.quit();
    }

    /** Headless, offline: no background traffic to a network the test machine does not have. */
    private static WebDriver chromium() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1400,900", "--user-data-dir=" + dir.resolve("profile"));
        ChromeDriverService s = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(s, o);
    }

    @Test
    void stepsThroughTheExt3LossWithTheKeyboard() {
        open(ext3, "");
        assertThat(text("step-counter")).isEqualTo("step 0 of 83");
        assertThat(currentRow()).isEqualTo("0");
        assertThat(item("disk", "f[0].0")).isEqualTo("0");
        assertThat(item("PTEs", "A:0")).isEqualTo("present|young f[0]");

        // Every key that means "next", in turn, one step each, to the end and one past it.
        String[] next = {Keys.ARROW_RIGHT.toString(), Keys.ARROW_DOWN.toString(), "j", "n"};
        for (int k = 1; k <= 84; k++) {
            press(next[k % next.length]);
            int expected = Math.min(k, 83);
            assertThat(counterStep()).as("after %d presses", k).isEqualTo(expected);
        }
        assertThat(text("step-counter")).isEqualTo("step 83 of 83");
        assertThat(currentRow()).isEqualTo("83");
        assertThat(text("broken")).startsWith("data_integrity broken: disk block f[0].0 holds 1");
        assertThat(text("verdict")).contains("VIOLATION data_integrity after 83 steps");
        // The stale block: the disk kept the first store, memory holds the second.
        assertThat(item("disk", "f[0].0")).isEqualTo("1");
        assertThat(item("memory", "f[0].0")).isEqualTo("2");

        press(Keys.ARROW_LEFT.toString());
        assertThat(counterStep()).isEqualTo(82);
        for (String key : List.of(Keys.ARROW_UP.toString(), "k", "p")) press(key);
        assertThat(counterStep()).isEqualTo(79);
        press(Keys.HOME.toString());
        assertThat(counterStep()).isEqualTo(0);
        press(Keys.END.toString());
        assertThat(counterStep()).isEqualTo(83);
        browser.findElement(By.id("prev")).click();
        assertThat(counterStep()).isEqualTo(82);
    }

    @Test
    void step25IsTheJournalWritingTheDiskBlock() {
        open(ext3, "#step=24");
        assertThat(counterStep()).isEqualTo(24);
        press(Keys.ARROW_RIGHT.toString());
        assertThat(text("step-counter")).isEqualTo("step 25 of 83");
        List<WebElement> changed = browser.findElements(By.cssSelector("#state .item.changed"));
        assertThat(changed).hasSize(1);
        WebElement disk = changed.get(0);
        assertThat(disk.getAttribute("data-subject")).isEqualTo("f[0].0");
        assertThat(disk.getAttribute("data-kind")).isEqualTo("DISK");
        assertThat(disk.findElement(By.xpath("ancestor::section[@class='panel']")).getAttribute("id")).isEqualTo("panel-disk");
        assertThat(text("step-changes")).isEqualTo("disk f[0].0 = 1");
        assertThat(text("source-location")).isEqualTo("lib/linux/fs/jbd/commit.mmt:189");
        assertThat(text("source-chain")).isEqualTo("jbd on cpu1 \u2192 journal_commit_ordered \u2192 journal_do_submit_data");
        assertThat(browser.findElement(By.cssSelector("#source-code .line.here")).getText()).contains("submit_bh(WRITE, bh);");
        assertThat(browser.findElements(By.cssSelector("#source-code .line"))).hasSizeGreaterThan(1);
    }

    @Test
    void thePageLoadsNothingFromAnywhere() {
        open(ext3, "");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat((Long) js.executeScript("return performance.getEntriesByType('resource').length")).isZero();
        for (WebElement e : browser.findElements(By.cssSelector("[src], [href]")))
            assertThat((e.getAttribute("src") + " " + e.getAttribute("href"))).doesNotContain("http:").doesNotContain("https:");
        assertThat(browser.findElements(By.cssSelector("link, img, iframe, script[src]"))).isEmpty();
    }

    @Test
    void aScenarioThatHoldsGetsAPageWithoutATrace() {
        open(mkclean, "");
        assertThat(text("verdict-overall")).isEqualTo("HOLDS");
        assertThat(text("judgements")).contains("HOLDS dirty_bit_lost in every reachable state");
        assertThat(text("no-trace")).contains("holds");
        assertThat(browser.findElement(By.id("trace")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("controls")).isDisplayed()).isFalse();
    }

    @Test
    void aTitleThatLooksLikeMarkupStaysText() throws Exception {
        // The data sits in a script element: a "</script>" in it must not end the element.
        String title = "</script><script>document.title=1</script><!-- <b>x</b> & y";
        Path scenario = dir.resolve("odd.mmt"), page = dir.resolve("odd.html");
        Files.writeString(scenario, Files.readString(Path.of(seed("mkclean-x86-2.6.19.mmt")))
                .replaceFirst("scenario \"[^\"]*\"", "scenario \"" + title + "\""));
        assertThat(check("--html", page.toString(), scenario.toString()).status()).isEqualTo(0);
        open(page, "");
        assertThat(text("title")).isEqualTo(title);
        assertThat(browser.getTitle()).isEqualTo(title + " - mmcheck");
        assertThat(text("verdict-overall")).isEqualTo("HOLDS");
    }

    @Test
    void aPageOfTwoTracesPicksOneBySelectorOrByLink() throws Exception {
        // The blind dirty-bit setter breaks both: one page, one trace per broken invariant.
        Path scenario = dir.resolve("two.mmt"), page = dir.resolve("two.html");
        Files.writeString(scenario, Files.readString(Path.of(seed("mkclean-blind-dirty-2.6.19.mmt")))
                .replace("check dirty_bit_lost", "check dirty_bit_lost\ncheck dirty_accounting"));
        assertThat(check("--html", page.toString(), scenario.toString()).status()).isEqualTo(1);
        open(page, "#trace=dirty_accounting&step=5");
        Select traces = new Select(browser.findElement(By.id("trace-select")));
        assertThat(traces.getOptions()).hasSize(2);
        assertThat(traces.getFirstSelectedOption().getText()).startsWith("VIOLATION dirty_accounting");
        assertThat(counterStep()).isEqualTo(5);
        assertThat(text("broken")).startsWith("dirty_accounting broken:");
        traces.selectByIndex(0);
        assertThat(text("step-counter")).isEqualTo("step 0 of 16");
        assertThat(text("broken")).startsWith("dirty_bit_lost broken:");
        assertThat(browser.getCurrentUrl()).endsWith("#trace=dirty_bit_lost&step=0");
    }

    @Test
    void severalScenariosGetNumberedPagesAndAnUnwritablePageIsOneLine() {
        Path page = dir.resolve("many.html");
        Run r = check("--html", page.toString(), seed("mkclean-x86-2.6.19.mmt"), seed("mkclean-x86-2.6.19.mmt"));
        assertThat(r.err()).contains("wrote " + page, "wrote " + dir.resolve("many-2.html"));
        assertThat(Files.exists(dir.resolve("many-2.html"))).isTrue();

        Run bad = check("--html", "/nonexistent/dir/x.html", seed("mkclean-x86-2.6.19.mmt"));
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("mmcheck: cannot write /nonexistent/dir/x.html: no such file: /nonexistent/dir/x.html\n");

        Run scenarioAsPage = check("--html", seed("mkclean-x86-2.6.19.mmt"));
        assertThat(scenarioAsPage.status()).isEqualTo(2);
        assertThat(scenarioAsPage.err()).startsWith("mmcheck: --html takes the page to write, not a scenario");
    }

    private static void open(Path page, String hash) { browser.get(page.toUri() + hash); }

    /** A key pressed on the page as a user would, wherever the focus is. */
    private static void press(String key) { new Actions(browser).sendKeys(key).perform(); }

    private static String text(String id) { return browser.findElement(By.id(id)).getText(); }

    private static int counterStep() { return Integer.parseInt(browser.findElement(By.id("step-counter")).getAttribute("data-step")); }

    private static String currentRow() { return browser.findElement(By.cssSelector("#steps-body tr.current")).getAttribute("data-step"); }

    /** The value a state panel shows for an item. */
    private static String item(String group, String subject) {
        String panel = "panel-" + group.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        return browser.findElement(By.cssSelector("#" + panel + " .item[data-subject='" + subject + "'] .value")).getText();
    }

    private static String seed(String name) { return TestSupport.home().resolve("scenarios/seeds").resolve(name).toString(); }

    /** `mmcheck check ARGS...` in this JVM, as CliTest runs it: its status and standard error. */
    private static Run check(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 3];
            all[0] = "check";
            all[1] = "--no-color";
            all[2] = "--lib=" + TestSupport.home().resolve("lib");
            System.arraycopy(args, 0, all, 3, args.length);
            return new Run(Main.run(all), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
