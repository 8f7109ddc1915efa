package io.recurportal.billing.sandbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.NewCustomer;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A sandbox on a fixed clock at 1 April 2026, midnight UTC: April has 30 days, so a
 * monthly period started then is exactly 30 days and halfway is 16 April.
 */
final class SandboxFixture {

	static final Instant APRIL_1 = Instant.parse("2026-04-01T00:00:00Z");

	static final Instant APRIL_16 = Instant.parse("2026-04-16T00:00:00Z");

	static final Instant MAY_1 = Instant.parse("2026-05-01T00:00:00Z");

	static final Duration GRACE = Duration.ofDays(14);

	static final String CHECKOUT_BASE = "https://shop.example/sandbox/checkout";

	static final String VISA = "4242 4242 4242 4242";

	static final String MASTERCARD = "5555555555554444";

	static final String CHARGES_FAIL = "4000000000000341";

	static final String CATALOG = """
			"products": [
			  {"id": "prod_pro", "name": "Pro", "metadata": {"entitlements": "projects,reports"}, "prices": [
			    {"id": "price_pro_yearly", "nickname": "Pro yearly", "currency": "usd", "unitAmount": 29000, "interval": "year"},
			    {"id": "price_pro_monthly", "nickname": "Pro monthly", "currency": "usd", "unitAmount": 2900, "interval": "month"}]},
			  {"id": "prod_business", "name": "Business", "prices": [
			    {"id": "price_business_monthly", "nickname": "Business monthly", "currency": "usd", "unitAmount": 4900, "interval": "month"},
			    {"id": "price_business_yearly", "nickname": "Business yearly", "currency": "usd", "unitAmount": 49000, "interval": "year"}]},
			  {"id": "prod_legacy", "name": "Legacy", "prices": [
			    {"id": "price_legacy", "currency": "usd", "unitAmount": 1000, "interval": "month", "active": false}]},
			  {"id": "prod_euro", "name": "Euro", "prices": [
			    {"id": "price_euro_monthly", "currency": "eur", "unitAmount": 2500, "interval": "month"}]}
			]""";

	final SandboxClock clock;

	final SandboxBillingGateway gateway;

	private final AtomicInteger keys = new AtomicInteger();

	SandboxFixture() {
		this("[]");
	}

	/**
	 * A sandbox with the test catalog and seeded customers.
	 * @param customersJson the JSON array of customers
	 */
	SandboxFixture(String customersJson) {
		this(APRIL_1, customersJson);
	}

	SandboxFixture(Instant now, String customersJson) {
		this(now, customersJson, GRACE);
	}

	SandboxFixture(Instant now, String customersJson, Duration pastDueGracePeriod) {
		this.clock = SandboxClock.fixed(now);
		this.gateway = new SandboxBillingGateway(this.clock, seed(customersJson),
				new SandboxSettings(pastDueGracePeriod, CHECKOUT_BASE));
	}

	static SandboxSeed seed(String customersJson) {
		return readSeed("{" + CATALOG + ", \"customers\": " + customersJson + "}");
	}

	static SandboxSeed readSeed(String json) {
		return SandboxSeed.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A fresh idempotency key.
	 * @return the key
	 */
	String key() {
		return "key-" + this.keys.incrementAndGet();
	}

	Customer customer(String externalId) {
		return this.gateway.createCustomer(new NewCustomer(externalId, externalId + "@example.com", "Customer " + externalId),
				key());
	}

	/**
	 * A new customer subscribed now through checkout, paying with a card.
	 * @param priceId the price
	 * @param card the card number
	 * @return the subscription
	 */
	Subscription subscribe(String priceId, String card) {
		Customer customer = customer("acct_" + this.keys.incrementAndGet());
		return subscribe(customer.id(), priceId, card);
	}

	Subscription subscribe(String customerId, String priceId, String card) {
		CheckoutSession session = this.gateway.createCheckoutSession(new CheckoutSessionRequest(
				CheckoutMode.SUBSCRIPTION, customerId, priceId, null, "https://shop.example/ok", "https://shop.example/back",
				Map.of()), key());
		CheckoutSession completed = this.gateway.completeCheckoutSession(session.id(), card, 12, 2030);
		return subscription(completed.subscriptionId());
	}

	Subscription subscription(String id) {
		return this.gateway.findSubscription(id).orElseThrow();
	}

	Invoice invoice(String id) {
		return this.gateway.findInvoice(id).orElseThrow();
	}

	Invoice latestInvoice(String subscriptionId) {
		return invoice(subscription(subscriptionId).latestInvoiceId());
	}

	/**
	 * Makes a card that fails every charge the default of the subscription's customer.
	 * @param subscription the subscription
	 */
	void switchToFailingCard(Subscription subscription) {
		String pm = this.gateway.attachCard(subscription.customerId(), CHARGES_FAIL, 12, 2030, key()).id();
		this.gateway.setDefaultPaymentMethod(subscription.customerId(), pm, key());
	}

	static PortalException failure(PortalErrorCode code, ThrowingCallable call) {
		PortalException ex = catchThrowableOfType(PortalException.class, call);
		assertThat(ex).as("expected a PortalException with code " + code).isNotNull();
		assertThat(ex.getErrorCode()).isEqualTo(code);
		return ex;
	}

}
