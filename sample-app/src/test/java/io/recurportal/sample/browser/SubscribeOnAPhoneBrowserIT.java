package io.recurportal.sample.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.sample.SampleApplication;
import io.recurportal.subscription.AccountSubscriptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a phone, 390 px wide, in real Chromium: an account that is not a customer yet
 * subscribes from the empty state (the sample's account page, then the portal's plans,
 * then checkout), a member sees the plans but cannot subscribe, and every portal page
 * fits the screen: no page scrolls sideways. Screenshots of every page go to
 * {@code target/screenshots} ({@code phone-*}).
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubscribeOnAPhoneBrowserIT {

	private static final int PHONE_WIDTH = 390;

	private static final int PORT = freePort();

	private static final String BASE = "http://127.0.0.1:" + PORT;

	private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

	private static Chromium chromium;

	@Autowired
	private SandboxBillingGateway sandbox;

	@Autowired
	private AccountSubscriptions subscriptions;

	@DynamicPropertySource
	static void onTheChosenPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("recur.portal.allowed-return-origins", () -> BASE + ",http://localhost:" + PORT);
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		chromium = Chromium.start(SCREENSHOTS);
		chromium.driver().manage().window().setSize(new Dimension(PHONE_WIDTH, 844));
	}

	@AfterAll
	static void quitBrowser() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@RegisterExtension
	static final TestWatcher diagnostics = new TestWatcher() {
		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			if (chromium != null) {
				chromium.saveFailure(context.getRequiredTestMethod().getName());
			}
		}
	};

	@BeforeEach
	void freshBrowserState() {
		chromium.reset();
	}

	@Test
	@Order(1)
	void theWindowIsAPhonesWidth() {
		driver().get(BASE + "/account");
		Number width = (Number) driver().executeScript("return window.innerWidth");
		assertThat(width.intValue()).isEqualTo(PHONE_WIDTH);
	}

	@Test
	@Order(2)
	void aMemberWithoutCustomerSeesThePlansButCannotSubscribe() {
		signIn("acct_new:noah:member");
		WebElement plans = until(ExpectedConditions.visibilityOfElementLocated(By.id("plans")));
		assertThat(plans.findElements(By.cssSelector("#plan-list li"))).hasSize(4);
		assertThat(text(By.id("plans-owner-only"))).startsWith("Only an owner of the account can subscribe.");
		assertThat(driver().findElement(By.id("manage-billing")).isDisplayed()).isFalse();
		fits("phone-1-account-member-plans");
	}

	@Test
	@Order(3)
	void anOwnerWithoutCustomerSubscribesFromTheEmptyState() {
		signIn("acct_new:nina:owner");
		WebElement plans = until(ExpectedConditions.visibilityOfElementLocated(By.id("plans")));
		assertThat(plans.getText()).contains("Pro — $29.00 per month").doesNotContain("Only an owner");
		fits("phone-2-account-owner-plans");

		WebElement button = until(ExpectedConditions.elementToBeClickable(By.cssSelector("#manage-billing button")));
		assertThat(button.getText()).isEqualTo("Choose a plan and subscribe");
		button.click();
		until(ExpectedConditions.urlToBe(BASE + "/portal"));
		WebElement offered = until(ExpectedConditions.visibilityOfElementLocated(By.id("plans")));
		assertThat(offered.findElement(By.tagName("h2")).getText()).isEqualTo("Choose a plan");
		assertThat(text(By.cssSelector("#subscriptions"))).contains("You have no subscriptions.");
		fits("phone-3-portal-empty-state");

		WebElement pro = offered.findElements(By.cssSelector("li.plan"))
			.stream()
			.filter((plan) -> plan.getText().contains("$29.00 per month"))
			.findFirst()
			.orElseThrow();
		pro.findElement(By.xpath(".//button[.='Subscribe']")).click();
		until(ExpectedConditions.urlMatches(Pattern.quote(BASE) + "/portal/sandbox/checkout/cs_[A-Za-z0-9_]+$"));
		fits("phone-4-checkout");

		WebElement number = until(ExpectedConditions.elementToBeClickable(By.id("card_number")));
		number.clear();
		number.sendKeys("4242 4242 4242 4242");
		WebElement submit = driver().findElement(By.cssSelector("form button.primary[type=submit]"));
		submit.click();
		until(ExpectedConditions.urlToBe(BASE + "/portal?notice=subscribed"));
		assertThat(text(By.cssSelector(".notice"))).isEqualTo("Thank you! Your subscription has started.");
		assertThat(driver().findElements(By.id("plans"))).isEmpty();
		List<Subscription> subscribed = this.subscriptions.list("acct_new");
		assertThat(subscribed).singleElement().satisfies((subscription) -> {
			assertThat(subscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
			assertThat(subscription.price().id()).isEqualTo("price_pro_monthly");
			assertThat(this.sandbox.findSubscription(subscription.id())).isPresent();
		});
		assertThat(text(By.id(subscribed.get(0).id()))).contains("Pro").contains("Active");
		fits("phone-5-subscribed");
	}

	@Test
	@Order(4)
	void everyPortalPageFitsAPhone() {
		signIn("acct_active:alice:owner");
		WebElement button = until(ExpectedConditions.elementToBeClickable(By.cssSelector("#manage-billing button")));
		button.click();
		until(ExpectedConditions.urlToBe(BASE + "/portal"));
		WebElement download = until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#invoices a[download]")));
		// The link sits inside the card, not cut off at its edge.
		WebElement card = driver().findElement(By.id("invoices"));
		assertThat(download.getRect().getX() + download.getRect().getWidth())
			.isLessThanOrEqualTo(card.getRect().getX() + card.getRect().getWidth());
		WebElement date = driver().findElement(By.cssSelector("#invoices td.date"));
		assertThat(date.getRect().getHeight()).as("the invoice date on one line")
			.isLessThan(2 * lineHeight(date));
		assertThat(driver().findElement(By.id("license-keys")).getText()).contains("INBX-");
		fits("phone-6-portal-overview");
		for (String[] page : new String[][] { { "/portal/subscriptions/sub_active/cancel", "phone-7-cancel" },
				{ "/portal/subscriptions/sub_active/change", "phone-8-change-plan" },
				{ "/portal/subscriptions/sub_active/change/preview?price=price_pro_yearly", "phone-9-preview" },
				{ "/portal/profile", "phone-10-profile" }, { "/portal/activity", "phone-11-activity" },
				{ "/portal/no-such-page", "phone-12-not-found" } }) {
			driver().get(BASE + page[0]);
			until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
			fits(page[1]);
		}
		driver().get(BASE + "/portal/activity");
		assertThat(text(By.cssSelector("main h1"))).isEqualTo("Recent billing activity");
		chromium.reset();
		driver().get(BASE + "/portal/login");
		until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
		fits("phone-13-login");
		driver().get(BASE + "/portal");
		until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
		fits("phone-14-session-ended");
	}

	/** Asserts the page does not scroll sideways, and keeps a screenshot of it. */
	private void fits(String screenshot) {
		chromium.screenshot(screenshot);
		Number scrollWidth = (Number) driver().executeScript("return document.documentElement.scrollWidth");
		Number clientWidth = (Number) driver().executeScript("return document.documentElement.clientWidth");
		assertThat(scrollWidth.intValue()).as("%s: scrollWidth against clientWidth %s on %s", screenshot, clientWidth,
				driver().getCurrentUrl())
			.isLessThanOrEqualTo(clientWidth.intValue());
	}

	private int lineHeight(WebElement element) {
		Object height = driver().executeScript(
				"var s = getComputedStyle(arguments[0]); return parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.5;",
				element);
		return (int) Math.ceil(((Number) height).doubleValue());
	}

	private void signIn(String user) {
		driver().get(BASE + "/account");
		new Select(driver().findElement(By.id("demo-user"))).selectByValue(user);
		driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
		String[] parts = user.split(":");
		until(ExpectedConditions.textMatches(By.id("identity"),
				Pattern.compile("\"user_id\"\\s*:\\s*\"" + parts[1] + "\"")));
	}

	private String text(By locator) {
		return driver().findElement(locator).getText();
	}

	private <T> T until(Function<? super WebDriver, T> condition) {
		return chromium.waiting().until(condition);
	}

	private static ChromeDriver driver() {
		return chromium.driver();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
