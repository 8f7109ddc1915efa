package io.recurportal.sample.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.sample.SampleApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal pages as a customer uses them, in real Chromium: from the sample app's
 * account page through the {@code <recur-portal>} button into the portal, then each
 * action, checking what the page shows and what the sandbox provider now holds.
 * <p>
 * The app runs on a free port picked here, so the portal's allowed return origins can
 * name it before the app starts. Screenshots of every step go to
 * {@code target/screenshots}.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT {

	private static final int PORT = freePort();

	private static final String BASE = "http://127.0.0.1:" + PORT;

	private static final Pattern PORTAL_LINK = Pattern.compile(Pattern.quote(BASE) + "/portal/s/[A-Za-z0-9_-]+");

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
	@Order(1)
	void manageBillingOpensThePortalAndTheTokenLeavesTheAddressBar() {
		String link = openPortal("a", "acct_active:alice:owner");
		assertThat(link).startsWith(BASE + "/portal/s/");
		assertThat(driver().getCurrentUrl()).isEqualTo(BASE + "/portal");

		assertThat(text(By.cssSelector(".portal-header .business"))).isEqualTo("Inbox Manager");
		assertThat(text(By.cssSelector(".portal-header .headline")))
			.isEqualTo("Manage your Inbox Manager subscription");
		assertThat(text(By.tagName("h1"))).isEqualTo("Your billing");

		Subscription subscription = subscription("sub_active");
		WebElement shown = driver().findElement(By.id("sub_active"));
		assertThat(shown.findElement(By.tagName("h3")).getText()).isEqualTo(subscription.price().product().name())
			.isEqualTo("Pro");
		assertThat(shown.findElement(By.cssSelector(".price")).getText()).isEqualTo("$29.00 per month");
		assertThat(shown.findElement(By.cssSelector(".status")).getText()).isEqualTo("Active");
		assertThat(shown.getText()).contains("Renews on");

		PaymentMethod card = defaultCard("cus_active");
		assertThat(text(By.cssSelector("#payment-method .card-line")))
			.isEqualTo("Visa ending in " + card.card().last4() + ", expires 12/2030")
			.contains("4242");

		List<Invoice> invoices = this.sandbox.listInvoices("cus_active", 100);
		List<WebElement> rows = driver().findElements(By.cssSelector("#invoices tbody tr"));
		assertThat(invoices).isNotEmpty();
		assertThat(rows).hasSize(invoices.size());
		assertThat(rows).allSatisfy((row) -> assertThat(row.getText()).contains("Paid").contains("Download PDF"));
		assertThat(rows.stream().map(WebElement::getText))
			.anySatisfy((row) -> assertThat(row).contains(invoices.get(0).number()));
		chromium.screenshot("a-3-portal-overview");
	}

	@Test
	@Order(2)
	void cancelWithAReasonThenKeepTheSubscription() {
		openPortal("b", "acct_active:alice:owner");
		WebElement subscription = driver().findElement(By.id("sub_active"));
		subscription.findElement(By.linkText("Cancel subscription")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal/subscriptions/sub_active/cancel"));
		assertThat(text(By.tagName("h1"))).isEqualTo("Cancel subscription");
		assertThat(text(By.cssSelector("main .card p"))).startsWith("Your Pro subscription will end on");
		driver().findElement(By.cssSelector("input[name=reason][value=too_expensive]")).click();
		driver().findElement(By.id("comment")).sendKeys("Only needed it for one project.");
		chromium.screenshot("b-3-cancel-form");

		driver().findElement(By.cssSelector("button.danger[type=submit]")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal?notice=cancel_scheduled"));
		assertThat(text(By.cssSelector(".notice"))).startsWith("Your subscription will not renew.");
		assertThat(text(By.cssSelector("#sub_active .status"))).startsWith("Cancels on ");
		assertThat(text(By.id("sub_active"))).contains("Ends on").contains("You keep access until then.");
		Subscription canceled = subscription("sub_active");
		assertThat(canceled.cancelAtPeriodEnd()).isTrue();
		assertThat(canceled.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(canceled.cancellationReason()).isNotNull();
		assertThat(canceled.cancellationReason().feedback()).isEqualTo("too_expensive");
		assertThat(canceled.cancellationReason().comment()).isEqualTo("Only needed it for one project.");
		chromium.screenshot("b-4-canceled");

		driver().findElement(By.id("sub_active")).findElement(By.xpath(".//button[.='Don’t cancel']")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal?notice=reactivated"));
		assertThat(text(By.cssSelector(".notice"))).isEqualTo("Your subscription will continue.");
		assertThat(text(By.id("sub_active"))).contains("Renews on").doesNotContain("Ends on");
		assertThat(subscription("sub_active").cancelAtPeriodEnd()).isFalse();
		chromium.screenshot("b-5-reactivated");
	}

	@Test
	@Order(3)
	void switchPlanThroughThePreview() {
		openPortal("c", "acct_active:alice:owner");
		assertThat(subscription("sub_active").price().id()).isEqualTo("price_pro_monthly");
		driver().findElement(By.id("sub_active")).findElement(By.linkText("Change plan")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal/subscriptions/sub_active/change"));
		assertThat(text(By.tagName("h1"))).isEqualTo("Change plan");
		assertThat(text(By.cssSelector("main > p"))).isEqualTo("Your current plan: Pro, $29.00 per month");
		List<WebElement> plans = driver().findElements(By.cssSelector("ul.plans li"));
		assertThat(plans).extracting(WebElement::getText)
			.hasSize(3)
			.noneMatch((plan) -> plan.contains("Pro") && plan.contains("$29.00 per month"));
		chromium.screenshot("c-3-plans");

		plans.stream()
			.filter((plan) -> plan.getText().contains("Pro") && plan.getText().contains("$290.00 per year"))
			.findFirst()
			.orElseThrow()
			.findElement(By.linkText("Choose"))
			.click();
		until(ExpectedConditions.urlContains("/portal/subscriptions/sub_active/change/preview?price=price_pro_yearly"));
		assertThat(text(By.tagName("h1"))).isEqualTo("Confirm your new plan");
		assertThat(text(By.cssSelector("main .card > p"))).isEqualTo("Your Pro plan will be billed $290.00 per year.");
		assertThat(driver().findElements(By.cssSelector("main .card table tr"))).isNotEmpty();
		assertThat(text(By.cssSelector(".proration")))
			.matches("Adjustment for the rest of this period: -?\\$[0-9,]+\\.[0-9]{2}");
		assertThat(text(By.cssSelector(".total"))).matches("Your next invoice: -?\\$[0-9,]+\\.[0-9]{2} on .+");
		// Nothing changes until the customer confirms.
		assertThat(subscription("sub_active").price().id()).isEqualTo("price_pro_monthly");
		chromium.screenshot("c-4-preview");

		driver().findElement(By.xpath("//button[.='Confirm change']")).click();
		until(ExpectedConditions.urlToBe(BASE + "/portal?notice=changed"));
		assertThat(text(By.cssSelector(".notice"))).isEqualTo("Your plan has been changed.");
		assertThat(text(By.cssSelector("#sub_active .price"))).isEqualTo("$290.00 per year");
		Subscription changed = subscription("sub_active");
		assertThat(changed.price().id()).isEqualTo("price_pro_yearly");
		assertThat(changed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
		chromium.screenshot("c-5-changed");
	}

	@Test
	@Order(4)
	void recoverAnOnHoldSubscriptionAfterADeclinedCard() {
		openPortal("d", "acct_on_hold:carol:owner");
		assertThat(subscription("sub_on_hold").status()).isEqualTo(SubscriptionStatus.PAST_DUE);
		WebElement onHold = driver().findElement(By.id("sub_on_hold"));
		assertThat(onHold.findElement(By.cssSelector(".status")).getText()).isEqualTo("On hold");
		assertThat(onHold.findElement(By.cssSelector(".alert")).getText())
			.startsWith("Your last payment failed, so your subscription is on hold.");

		onHold.findElement(By.xpath(".//button[.='Update card and pay']")).click();
		until(ExpectedConditions.urlMatches(Pattern.quote(BASE) + "/portal/sandbox/checkout/cs_[A-Za-z0-9_]+$"));
		assertThat(text(By.tagName("h1"))).isEqualTo("Checkout");
		assertThat(text(By.cssSelector(".notice"))).isEqualTo("Sandbox: no real card is charged.");
		chromium.screenshot("d-3-checkout");

		pay("4000 0000 0000 0002");
		WebElement declined = until(
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.alert[role=alert]")));
		assertThat(declined.getText()).isEqualTo("The card was declined. Please try another card.");
		assertThat(driver().getCurrentUrl()).contains("/portal/sandbox/checkout/cs_");
		assertThat(subscription("sub_on_hold").status()).isEqualTo(SubscriptionStatus.PAST_DUE);
		assertThat(defaultCard("cus_on_hold").card().last4()).isEqualTo("0341");
		chromium.screenshot("d-4-declined");

		pay("4242 4242 4242 4242");
		until(ExpectedConditions.urlToBe(BASE + "/portal?notice=recovered"));
		assertThat(text(By.cssSelector(".notice"))).isEqualTo("Payment received. Your subscription is active again.");
		WebElement recovered = driver().findElement(By.id("sub_on_hold"));
		assertThat(recovered.findElement(By.cssSelector(".status")).getText()).isEqualTo("Active");
		assertThat(recovered.findElements(By.cssSelector(".alert"))).isEmpty();
		assertThat(text(By.cssSelector("#payment-method .card-line"))).startsWith("Visa ending in 4242");
		assertThat(subscription("sub_on_hold").status()).isEqualTo(SubscriptionStatus.ACTIVE);
		assertThat(defaultCard("cus_on_hold").card().last4()).isEqualTo("4242");
		assertThat(this.sandbox.listInvoices("cus_on_hold", 100)).extracting((invoice) -> invoice.status().value())
			.doesNotContain("open");
		chromium.screenshot("d-5-recovered");
	}

	@Test
	@Order(5)
	void downloadAnInvoicePdf() throws IOException {
		openPortal("e", "acct_active:alice:owner");
		WebElement download = driver().findElement(By.cssSelector("#invoices tbody tr a[download]"));
		String href = download.getAttribute("href");
		assertThat(href).matches(Pattern.quote(BASE) + "/portal/invoices/in_[A-Za-z0-9_]+/pdf");
		String invoiceId = href.substring((BASE + "/portal/invoices/").length(), href.length() - "/pdf".length());
		download.click();

		Path pdf = new FluentWait<>(chromium.downloads()).withTimeout(Duration.ofSeconds(60))
			.pollingEvery(Duration.ofMillis(100))
			.withMessage("the invoice PDF in " + chromium.downloads())
			.until(PortalBrowserIT::finishedPdf);
		assertThat(pdf.getFileName().toString()).isEqualTo(this.sandbox.invoicePdf(invoiceId).filename());
		byte[] content = Files.readAllBytes(pdf);
		assertThat(new String(content, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		// The download leaves the portal page where it was.
		assertThat(driver().getCurrentUrl()).isEqualTo(BASE + "/portal");
		chromium.screenshot("e-3-after-download");
	}

	@Test
	@Order(6)
	void switchLanguageToJapanese() throws IOException {
		openPortal("f", "acct_active:alice:owner");
		WebElement japanese = driver().findElement(By.cssSelector("nav.languages a[hreflang=ja]"));
		assertThat(japanese.getText()).isEqualTo("日本語");
		japanese.click();
		until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "ja"));
		assertThat(driver().getCurrentUrl()).isEqualTo(BASE + "/portal?lang=ja");
		assertThat(driver().findElement(By.cssSelector("nav.languages a.current")).getAttribute("hreflang"))
			.isEqualTo("ja");
		String expected = japaneseText("overview.title");
		assertThat(text(By.tagName("h1"))).isEqualTo(expected);
		if (hasJapaneseMessages()) {
			assertThat(expected).as("overview.title in messages_ja.properties").isNotEqualTo("Your billing");
		}
		chromium.screenshot("f-3-japanese");
	}

	@Test
	@Order(7)
	void aUsedLinkSaysSo() {
		String link = openPortal("g", "acct_active:alice:owner");
		driver().get(link);
		until(ExpectedConditions.textToBe(By.tagName("h1"), "This link has already been used"));
		assertThat(driver().getCurrentUrl()).isEqualTo(link);
		assertThat(text(By.cssSelector("main .card p"))).contains("each billing link works once");
		WebElement back = driver().findElement(By.linkText("Back to Inbox Manager"));
		assertThat(back.getAttribute("href")).isEqualTo(BASE + "/account");
		chromium.screenshot("g-3-used-link");
	}

	@Test
	@Order(8)
	void manageBillingSaysWhyItFailed() {
		driver().get(BASE + "/account");
		// Signed out: an earlier flow's demo token is still in this tab's session storage.
		((JavascriptExecutor) driver()).executeScript("window.sessionStorage.clear()");
		WebElement button = until(ExpectedConditions.elementToBeClickable(By.cssSelector("#manage-billing button")));
		button.click();
		// Not signed in: the endpoint's own reason and code, not a guess.
		until(ExpectedConditions.textMatches(By.cssSelector("#manage-billing [role=alert]"),
				Pattern.compile(".+ \\(unauthenticated\\)$")));
		assertThat(driver().getCurrentUrl()).isEqualTo(BASE + "/account");
		chromium.screenshot("h-1-manage-billing-error");
	}

	/**
	 * Signs in on the sample's account page as a demo user and clicks "Manage billing".
	 * @param step the prefix of this flow's screenshots, which are {@code <step>-1-...} and
	 * {@code <step>-2-...}
	 * @param user the option to pick, {@code account:user:role}
	 * @return the one-time link the button followed
	 */
	private String openPortal(String step, String user) {
		driver().get(BASE + "/account");
		new Select(driver().findElement(By.id("demo-user"))).selectByValue(user);
		driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
		String[] parts = user.split(":");
		until(ExpectedConditions.textMatches(By.id("identity"),
				Pattern.compile("\"account_id\"\\s*:\\s*\"" + parts[0] + "\"")));
		assertThat(text(By.id("identity"))).contains("\"user_id\": \"" + parts[1] + "\"");
		chromium.screenshot(step + "-1-account-signed-in");

		WebElement button = until(ExpectedConditions.elementToBeClickable(By.cssSelector("#manage-billing button")));
		assertThat(button.getText()).isEqualTo("Manage billing");
		chromium.requestedDocuments(PORTAL_LINK);
		button.click();
		until(ExpectedConditions.urlToBe(BASE + "/portal"));
		until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main.portal h1")));
		chromium.screenshot(step + "-2-portal");
		List<String> links = chromium.requestedDocuments(PORTAL_LINK);
		assertThat(links).as("the portal links the browser opened").hasSize(1);
		return links.get(0);
	}

	private void pay(String cardNumber) {
		WebElement number = until(ExpectedConditions.elementToBeClickable(By.id("card_number")));
		number.clear();
		number.sendKeys(cardNumber);
		WebElement submit = driver().findElement(By.cssSelector("form button.primary[type=submit]"));
		submit.click();
		until(ExpectedConditions.stalenessOf(submit));
	}

	private Subscription subscription(String id) {
		return this.sandbox.findSubscription(id).orElseThrow();
	}

	private PaymentMethod defaultCard(String customerId) {
		Customer customer = this.sandbox.findCustomer(customerId).orElseThrow();
		return this.sandbox.findPaymentMethod(customer.defaultPaymentMethodId()).orElseThrow();
	}

	/** A PDF Chrome finished writing ({@code .crdownload} until then), or {@code null}. */
	private static Path finishedPdf(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".pdf"))
				.filter((file) -> file.toFile().length() > 0)
				.findFirst()
				.orElse(null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A portal text as the page should show it in Japanese: from
	 * {@code messages_ja.properties} when it has the key, else the English fallback, the
	 * way the portal's message source resolves it (UTF-8, no fallback to the JVM's locale).
	 */
	private static String japaneseText(String key) {
		ResourceBundle bundle = ResourceBundle.getBundle("io.recurportal.web.messages", Locale.JAPANESE,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		return bundle.getString(key);
	}

	private static boolean hasJapaneseMessages() throws IOException {
		try (InputStream ja = PortalBrowserIT.class.getResourceAsStream("/io/recurportal/web/messages_ja.properties")) {
			return ja != null;
		}
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
