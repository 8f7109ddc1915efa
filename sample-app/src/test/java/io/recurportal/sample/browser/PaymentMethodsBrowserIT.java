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
import org.junit.jupiter.api.Test;
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

import io.recurportal.billing.Customer;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved payment methods as a customer uses them, in real Chromium: choosing another
 * saved card as the default, and paying an on-hold subscription with a saved card after
 * another saved one is declined. Each flow works on its own seeded account; screenshots
 * of every step go to {@code target/screenshots} ({@code pm-...}).
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class PaymentMethodsBrowserIT {

	private static final int PORT = freePort();

	private static final String BASE = "http://127.0.0.1:" + PORT;

	private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

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
				chromium.saveFailure(context.getRequiredTestMethod().getName());
			}
		}
	};

	@BeforeEach
	void freshBrowserState() {
		chromium.reset();
	}

	@Test
	void chooseASavedCardAsTheDefault() {
		openPortal("pm-a", "acct_active:alice:owner");
		assertThat(text(By.cssSelector("#payment-method .card-line"))).startsWith("Visa ending in 4242");
		driver().findElement(By.linkText("Manage payment methods")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal/payment-methods"));
		assertThat(text(By.tagName("h1"))).isEqualTo("Payment methods");
		List<WebElement> methods = driver().findElements(By.cssSelector("#payment-methods li.method"));
		assertThat(methods).hasSize(2);
		assertThat(methods.get(0).getText()).contains("Visa ending in 4242, expires 12/2030").contains("Default");
		assertThat(methods.get(1).getText()).contains("Mastercard ending in 4444, expires 11/2031")
			.doesNotContain("Default");
		chromium.screenshot("pm-a-3-saved-methods");

		methods.get(1).findElement(By.cssSelector("button.make-default")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal/payment-methods?notice=default_changed"));
		assertThat(text(By.cssSelector(".notice"))).isEqualTo("Your default payment method has been changed.");
		List<WebElement> after = driver().findElements(By.cssSelector("#payment-methods li.method"));
		assertThat(after.get(0).getText()).contains("Mastercard ending in 4444").contains("Default");
		assertThat(after.get(1).getText()).contains("Visa ending in 4242").doesNotContain("Default");
		assertThat(defaultMethod("cus_active").card().last4()).isEqualTo("4444");
		assertThat(this.sandbox.findSubscription("sub_active").orElseThrow().defaultPaymentMethodId())
			.isEqualTo(defaultMethod("cus_active").id());
		chromium.screenshot("pm-a-4-default-changed");

		driver().findElement(By.linkText("Back")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal"));
		assertThat(text(By.cssSelector("#payment-method .card-line"))).startsWith("Mastercard ending in 4444");
		chromium.screenshot("pm-a-5-overview");
	}

	@Test
	void recoverAnOnHoldSubscriptionWithASavedCard() {
		openPortal("pm-b", "acct_overdue:dave:owner");
		assertThat(this.sandbox.findSubscription("sub_overdue").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.PAST_DUE);
		WebElement onHold = driver().findElement(By.id("sub_overdue"));
		assertThat(onHold.findElement(By.cssSelector(".status")).getText()).isEqualTo("On hold");
		onHold.findElement(By.linkText("Pay with a saved method")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal/subscriptions/sub_overdue/pay"));
		assertThat(text(By.tagName("h1"))).isEqualTo("Pay what is due");
		assertThat(text(By.cssSelector(".amount-due"))).matches("\\$[0-9.,]+ is due for Pro\\.");
		List<WebElement> choices = driver().findElements(By.cssSelector("#pay label.choice"));
		assertThat(choices).hasSize(2);
		WebElement failing = choices.stream()
			.filter((choice) -> choice.getText().contains("Visa ending in 0341"))
			.findFirst()
			.orElseThrow();
		assertThat(failing.findElement(By.cssSelector("input[type=radio]")).isSelected()).isTrue();
		chromium.screenshot("pm-b-3-amount-due");

		submitPayment();
		until(ExpectedConditions.urlToBe(BASE + "/portal/subscriptions/sub_overdue/pay?error=payment_failed"));
		assertThat(text(By.cssSelector("p.alert[role=alert]"))).startsWith("The payment failed.");
		assertThat(this.sandbox.findSubscription("sub_overdue").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.PAST_DUE);
		chromium.screenshot("pm-b-4-declined");

		driver().findElements(By.cssSelector("#pay label.choice"))
			.stream()
			.filter((choice) -> choice.getText().contains("Mastercard ending in 4444"))
			.findFirst()
			.orElseThrow()
			.findElement(By.cssSelector("input[type=radio]"))
			.click();
		submitPayment();
		until(ExpectedConditions.urlToBe(BASE + "/portal?notice=recovered"));
		assertThat(text(By.cssSelector(".notice"))).isEqualTo("Payment received. Your subscription is active again.");
		WebElement recovered = driver().findElement(By.id("sub_overdue"));
		assertThat(recovered.findElement(By.cssSelector(".status")).getText()).isEqualTo("Active");
		assertThat(text(By.cssSelector("#payment-method .card-line"))).startsWith("Mastercard ending in 4444");
		assertThat(this.sandbox.findSubscription("sub_overdue").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(this.sandbox.listInvoices("cus_overdue", 100)).extracting((invoice) -> invoice.status().value())
			.doesNotContain("open");
		chromium.screenshot("pm-b-5-recovered");
	}

	private void submitPayment() {
		WebElement submit = driver().findElement(By.cssSelector("#pay button.primary[type=submit]"));
		submit.click();
		until(ExpectedConditions.stalenessOf(submit));
	}

	// Signs in on the sample's account page as a demo user and clicks "Manage billing".
	private void openPortal(String step, String user) {
		driver().get(BASE + "/account");
		new Select(driver().findElement(By.id("demo-user"))).selectByValue(user);
		driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
		until(ExpectedConditions.textMatches(By.id("identity"),
				Pattern.compile("\"account_id\"\\s*:\\s*\"" + user.split(":")[0] + "\"")));
		WebElement button = until(ExpectedConditions.elementToBeClickable(By.cssSelector("#manage-billing button")));
		button.click();
		until(ExpectedConditions.urlToBe(BASE + "/portal"));
		until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.portal h1")));
		chromium.screenshot(step + "-2-portal");
	}

	private PaymentMethod defaultMethod(String customerId) {
		Customer customer = this.sandbox.findCustomer(customerId).orElseThrow();
		return this.sandbox.findPaymentMethod(customer.defaultPaymentMethodId()).orElseThrow();
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
