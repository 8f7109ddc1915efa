package io.recurportal.sample.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

/**
 * The Debian packages' Chromium and ChromeDriver, headless, with a fresh profile and
 * download directory, talking to nothing but the app on 127.0.0.1.
 */
final class Chromium implements AutoCloseable {

	static final String BINARY = "/usr/bin/chromium";

	static final String DRIVER = "/usr/bin/chromedriver";

	// Generous: waits end as soon as their condition holds, and a loaded CI machine can
	// take many seconds for the first pages of a freshly started app.
	private static final Duration WAIT = Duration.ofSeconds(60);

	// Selenium looks for a DevTools binding matching the browser's version and warns when
	// this Selenium release has none. These tests only use ChromeDriver's own commands.
	private static final List<Logger> QUIET = Stream
		.of("org.openqa.selenium.devtools.CdpVersionFinder", "org.openqa.selenium.chromium.ChromiumDriver")
		.map(Logger::getLogger)
		.peek((logger) -> logger.setLevel(Level.SEVERE))
		.toList();

	private final Path home;

	private final Path downloads;

	private final Path screenshots;

	private final ChromeDriver driver;

	private Chromium(Path home, Path screenshots) throws IOException {
		this.home = home;
		this.downloads = Files.createDirectories(home.resolve("downloads"));
		this.screenshots = Files.createDirectories(screenshots);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.withLogFile(home.resolve("chromedriver.log").toFile())
			.build();
		this.driver = new ChromeDriver(service, options(Files.createDirectories(home.resolve("profile")),
				this.downloads));
	}

	/**
	 * Starts a browser; its profile and downloads live in a new temporary directory
	 * that {@link #close()} deletes.
	 * @param screenshots where {@link #screenshot(String)} writes
	 * @return the browser
	 * @throws IOException when the directories cannot be made
	 */
	static Chromium start(Path screenshots) throws IOException {
		return new Chromium(Files.createTempDirectory("recur-portal-chromium-"), screenshots);
	}

	private static ChromeOptions options(Path profile, Path downloads) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-extensions", "--no-proxy-server",
				// Anything but the app under test fails to resolve: no traffic leaves 127.0.0.1.
				"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost", "--lang=en-US",
				"--user-data-dir=" + profile, "--window-size=1280,1800");
		Map<String, Object> prefs = new LinkedHashMap<>();
		prefs.put("download.default_directory", downloads.toString());
		prefs.put("download.prompt_for_download", false);
		prefs.put("download.directory_upgrade", true);
		prefs.put("plugins.always_open_pdf_externally", true);
		prefs.put("safebrowsing.enabled", false);
		prefs.put("intl.accept_languages", "en-US,en");
		options.setExperimentalOption("prefs", prefs);
		// The DevTools network events name every URL the browser loaded, redirects included.
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		return options;
	}

	ChromeDriver driver() {
		return this.driver;
	}

	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, WAIT);
	}

	Path downloads() {
		return this.downloads;
	}

	/**
	 * Forgets every cookie (the portal's are scoped to its path, out of reach of
	 * WebDriver's cookie commands on other pages) and the files downloaded so far.
	 */
	void reset() {
		this.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
		this.driver.manage().logs().get(LogType.PERFORMANCE);
		try (var files = Files.list(this.downloads)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The URLs of the pages the browser asked for since the last call, in order.
	 * @param pattern what they must match
	 * @return the matching URLs
	 */
	List<String> requestedDocuments(Pattern pattern) {
		return this.driver.manage()
			.logs()
			.get(LogType.PERFORMANCE)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("\"Network.requestWillBeSent\""))
			.map(pattern::matcher)
			.filter(Matcher::find)
			.map(Matcher::group)
			.distinct()
			.toList();
	}

	/**
	 * Saves what the browser shows now.
	 * @param name the file's name, without {@code .png}
	 */
	void screenshot(String name) {
		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
		try {
			Files.write(this.screenshots.resolve(name + ".png"), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Keeps what a failed test left in the browser: a screenshot, the page's HTML and
	 * the console, as {@code FAILED-<test>.*} next to the screenshots.
	 * @param test the test's name
	 */
	void saveFailure(String test) {
		try {
			screenshot("FAILED-" + test);
			String console = this.driver.manage()
				.logs()
				.get(LogType.BROWSER)
				.getAll()
				.stream()
				.map(LogEntry::toString)
				.collect(Collectors.joining("\n"));
			Files.writeString(this.screenshots.resolve("FAILED-" + test + ".html"),
					"<!-- " + this.driver.getCurrentUrl() + " -->\n" + this.driver.getPageSource());
			Files.writeString(this.screenshots.resolve("FAILED-" + test + ".console.txt"), console);
		}
		catch (RuntimeException | IOException ex) {
			// The browser itself may be what failed: the test's own error says more.
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try {
				FileSystemUtils.deleteRecursively(this.home);
			}
			catch (IOException ex) {
				// A temporary directory the browser still held: the OS cleans it up.
			}
		}
	}

}
