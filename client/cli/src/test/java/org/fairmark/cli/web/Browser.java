package org.fairmark.cli.web;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium at a phone's width (360 × 800), driven by Debian's chromedriver. Both paths are given
 * explicitly, so Selenium Manager never looks for (or downloads) a browser or a driver.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int WIDTH = 360;
    static final int HEIGHT = 800;
    static final double PIXEL_RATIO = 2.0;

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Whether Debian's chromium and chromium-driver are installed; the browser tests are skipped otherwise. */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Starts a browser with a fresh profile in {@code profile}.
     *
     * @param acceptLanguage the languages the browser asks for, e.g. {@code zh-CN,zh}, or {@code null} for its default
     */
    static Browser start(Path profile, String acceptLanguage) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + WIDTH + "," + HEIGHT);
        // Desktop Chromium keeps windows at least 500 px wide, so the phone's viewport comes from device emulation.
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                Map.of("width", WIDTH, "height", HEIGHT, "pixelRatio", PIXEL_RATIO)));
        if (acceptLanguage != null) {
            options.addArguments("--lang=" + acceptLanguage.split(",")[0]);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver);
    }

    void open(String url) {
        driver.get(url);
    }

    /**
     * Clicks an element that navigates (a link, a submit button) and waits for the new page: WebDriver does not wait for
     * a navigation a click starts.
     */
    void clickAndWait(String css, String urlPart) {
        String before = driver.getCurrentUrl();
        find(css).click();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String now = driver.getCurrentUrl();
            if (!now.equals(before) && now.contains(urlPart) && "complete".equals(script("return document.readyState"))) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("clicking " + css + " did not lead to a page with " + urlPart + "; still at " + driver.getCurrentUrl());
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** The layout viewport's width in CSS pixels. */
    long viewportWidth() {
        return ((Number) script("return document.documentElement.clientWidth")).longValue();
    }

    /** The page's full width in CSS pixels: wider than the viewport means sideways scrolling. */
    long contentWidth() {
        return ((Number) script("return document.documentElement.scrollWidth")).longValue();
    }

    /**
     * A screenshot of the whole page at the phone width, kept as a test artifact under target/screenshots: the page is
     * scrolled a screen at a time and the screens are stitched together.
     */
    Path screenshot(String name) {
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        long screens = Math.max(1, Math.min(10, (height + HEIGHT - 1) / HEIGHT));
        BufferedImage page = null;
        Graphics2D graphics = null;
        try {
            for (long screen = 0; screen < screens; screen++) {
                script("window.scrollTo(0, " + screen * HEIGHT + ")");
                long top = ((Number) script("return Math.round(window.scrollY)")).longValue();
                BufferedImage shot = ImageIO.read(new ByteArrayInputStream(driver.getScreenshotAs(OutputType.BYTES)));
                if (page == null) {
                    double scale = shot.getWidth() / (double) WIDTH;
                    page = new BufferedImage(shot.getWidth(), (int) Math.round(Math.min(height, screens * HEIGHT) * scale),
                            BufferedImage.TYPE_INT_RGB);
                    graphics = page.createGraphics();
                }
                graphics.drawImage(shot, 0, (int) Math.round(top * (shot.getWidth() / (double) WIDTH)), null);
            }
            script("window.scrollTo(0, 0)");
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            ImageIO.write(page, "png", target.toFile());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (graphics != null) {
                graphics.dispose();
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
