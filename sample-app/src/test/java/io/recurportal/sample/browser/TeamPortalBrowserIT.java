package io.recurportal.sample.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.recurportal.billing.RetentionOfferStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's team plan in real Chromium: a team owner changes the number of seats
 * through the proration preview, and chooses when a cancellation takes effect.
 * Screenshots go to {@code target/screenshots} with the prefix {@code team-}.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamPortalBrowserIT {

	private static final int PORT = freePort();

	private static final String BASE = "http://127.0.0.1:" + PORT;

	private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

	private static final String TEAM_OWNER = "acct_team:tess:team-owner";

	private static Chromium chromium;

	@Autowired
	private SandboxBillingGateway sandbox;

	@DynamicPropertySource
	static void onTheChosenPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("server.address", () -> "127.0.0.1");
		registry.add("recur.portal.allowed-return-origins", () -> BASE + ",http://localhost:" + PORT);
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		chromium = Chromium.start(SCREENSHOTS);
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
				chromium.saveFailure("team-" + context.getRequiredTestMethod().getName());
			}
		}
	};

	@BeforeEach
	void freshBrowserState() {
		chromium.reset();
	}

	@Test
	@Order(1)
	void changeSeatsThroughTheProrationPreview() {
		openPortal("team-a");
		assertThat(text(By.id("sub_team"))).contains("5 seats at $29.00 each");
		driver().findElement(By.id("sub_team")).findElement(By.linkText("Change plan")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal/subscriptions/sub_team/change"));
		assertThat(text(By.cssSelector("#seats"))).contains("Your subscription has 5 seats.")
			.contains("Choose between 1 and 50.");
		WebElement quantity = driver().findElement(By.id("quantity"));
		assertThat(quantity.getDomProperty("value")).isEqualTo("5");
		quantity.clear();
		quantity.sendKeys("8");
		chromium.screenshot("team-a-3-seats");

		driver().findElement(By.cssSelector("#seats button[type=submit]")).click();
		until(ExpectedConditions.urlContains("/portal/subscriptions/sub_team/change/preview"));
		assertThat(text(By.cssSelector(".seats-change"))).isEqualTo("From 5 to 8 seats, $29.00 per seat.");
		assertThat(text(By.cssSelector(".proration"))).startsWith("Adjustment for the rest of this period: $");
		assertThat(subscription("sub_team").quantity()).isEqualTo(5);
		chromium.screenshot("team-a-4-seats-preview");

		driver().findElement(By.cssSelector("button.primary[type=submit]")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal?notice=changed"));
		assertThat(text(By.cssSelector(".notice"))).isEqualTo("Your plan has been changed.");
		assertThat(text(By.id("sub_team"))).contains("8 seats at $29.00 each");
		assertThat(subscription("sub_team").quantity()).isEqualTo(8);
		chromium.screenshot("team-a-5-seats-changed");
	}

	@Test
	@Order(2)
	void chooseWhenTheCancellationTakesEffectThenKeepTheSubscription() {
		openPortal("team-b");
		driver().findElement(By.id("sub_team")).findElement(By.linkText("Cancel subscription")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal/subscriptions/sub_team/cancel"));
		WebElement periodEnd = driver().findElement(By.cssSelector("input[name=timing][value=period_end]"));
		WebElement now = driver().findElement(By.cssSelector("input[name=timing][value=immediately]"));
		assertThat(periodEnd.isSelected()).isTrue();
		assertThat(now.isSelected()).isFalse();
		assertThat(text(By.cssSelector("fieldset.timing"))).contains("At the end of the period, on ")
			.contains("Now")
			.contains("is not refunded");
		chromium.screenshot("team-b-3-cancel-timing");
		// The team configuration offers a discount first; cancelling declines it.
		assertThat(text(By.id("retention-offer"))).contains("20% off for 3 months").contains("Accept offer");
		assertThat(text(By.cssSelector("button.danger[type=submit]"))).isEqualTo("No thanks, cancel");
		chromium.screenshot("team-b-3-retention-offer");

		driver().findElement(By.cssSelector("button.danger[type=submit]")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal?notice=cancel_scheduled"));
		assertThat(text(By.cssSelector("#sub_team .status"))).startsWith("Cancels on ");
		assertThat(subscription("sub_team").cancelAtPeriodEnd()).isTrue();
		assertThat(subscription("sub_team").status()).isEqualTo(SubscriptionStatus.ACTIVE);
		chromium.screenshot("team-b-4-cancels-on");

		driver().findElement(By.id("sub_team")).findElement(By.xpath(".//button[.='Don’t cancel']")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal?notice=reactivated"));
		assertThat(text(By.cssSelector("#sub_team .status"))).isEqualTo("Active");
		assertThat(subscription("sub_team").cancelAtPeriodEnd()).isFalse();
		assertThat(subscription("sub_team").retentionOffer()).isEqualTo(RetentionOfferStatus.DECLINED);
		// Declined once, never offered again.
		driver().findElement(By.id("sub_team")).findElement(By.linkText("Cancel subscription")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal/subscriptions/sub_team/cancel"));
		assertThat(driver().findElements(By.id("retention-offer"))).isEmpty();
	}

	@Test
	@Order(3)
	void acceptTheRetentionOfferAndKeepTheSubscriptionWithTheDiscount() {
		// The subscription declined in the test before: as if it had only been shown the offer.
		this.sandbox.recordRetentionOffer("sub_team", RetentionOfferStatus.OFFERED, "browser-it-offer-again");
		openPortal("team-c");
		driver().findElement(By.id("sub_team")).findElement(By.linkText("Cancel subscription")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal/subscriptions/sub_team/cancel"));
		assertThat(text(By.id("retention-offer"))).contains("20% off for 3 months");
		chromium.screenshot("team-c-3-retention-offer");

		driver().findElement(By.cssSelector("#retention-offer button.primary[type=submit]")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal?notice=offer_accepted"));
		assertThat(text(By.cssSelector(".notice"))).startsWith("Offer accepted.");
		assertThat(text(By.cssSelector("#sub_team .discount"))).startsWith("20% off for 3 months, until ");
		assertThat(text(By.cssSelector("#sub_team .status"))).isEqualTo("Active");
		Subscription kept = subscription("sub_team");
		assertThat(kept.cancelAtPeriodEnd()).isFalse();
		assertThat(kept.retentionOffer()).isEqualTo(RetentionOfferStatus.ACCEPTED);
		assertThat(kept.discount()).isNotNull();
		chromium.screenshot("team-c-4-offer-accepted");
	}

	/** Signs in on the sample's account page as the team owner and clicks "Manage billing". */
	private void openPortal(String step) {
		driver().get(BASE + "/account");
		new Select(driver().findElement(By.id("demo-user"))).selectByValue(TEAM_OWNER);
		driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
		until(ExpectedConditions.textMatches(By.id("identity"),
				Pattern.compile("\"account_id\"\\s*:\\s*\"acct_team\"")));
		until(ExpectedConditions.elementToBeClickable(By.cssSelector("#manage-billing button"))).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal"));
		until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.portal h1")));
		chromium.screenshot(step + "-2-portal");
	}

	private Subscription subscription(String id) {
		return this.sandbox.findSubscription(id).orElseThrow();
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
