package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.util.List;

import io.recurportal.billing.Address;
import io.recurportal.billing.Card;
import io.recurportal.billing.Customer;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.NewCustomer;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Price;
import io.recurportal.billing.ProviderInfo;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.junit.jupiter.api.Test;

import static io.recurportal.billing.sandbox.SandboxFixture.APRIL_1;
import static io.recurportal.billing.sandbox.SandboxFixture.VISA;
import static io.recurportal.billing.sandbox.SandboxFixture.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers, their cards and the catalog.
 */
class CustomerTests {

	private final SandboxFixture sandbox = new SandboxFixture();

	private final SandboxBillingGateway gateway = this.sandbox.gateway;

	@Test
	void providerInfoThenSandboxWithoutKeyNotLive() {
		assertThat(this.gateway.providerInfo()).isEqualTo(new ProviderInfo("sandbox", null, false));
	}

	@Test
	void createCustomerThenFindableByIdExternalIdAndEmail() {
		Customer created = this.gateway.createCustomer(new NewCustomer("acct_1", "Alice@Example.com", "Alice"),
				this.sandbox.key());
		assertThat(created.id()).startsWith("cus_");
		assertThat(created.externalId()).isEqualTo("acct_1");
		assertThat(created.metadata()).containsEntry("recur_account_id", "acct_1");
		assertThat(created.creditBalance()).isZero();
		assertThat(created.currency()).isNull();
		assertThat(this.gateway.findCustomer(created.id())).contains(created);
		assertThat(this.gateway.findCustomerByExternalId("acct_1")).contains(created);
		assertThat(this.gateway.findCustomerByEmail("alice@EXAMPLE.com")).contains(created);
		assertThat(this.gateway.findCustomer("cus_missing")).isEmpty();
		assertThat(this.gateway.findCustomerByExternalId("acct_missing")).isEmpty();
		assertThat(this.gateway.findCustomerByEmail("nobody@example.com")).isEmpty();
	}

	@Test
	void createCustomerWhenAccountHasOneThenReturnsItWithoutDuplicate() {
		Customer first = this.gateway.createCustomer(new NewCustomer("acct_1", "a@example.com", "A"), this.sandbox.key());
		long mutations = this.gateway.mutationCount();
		Customer again = this.gateway.createCustomer(new NewCustomer("acct_1", "other@example.com", "B"),
				this.sandbox.key());
		assertThat(again).isEqualTo(first);
		assertThat(this.gateway.mutationCount()).isEqualTo(mutations);
	}

	@Test
	void createCustomerWhenNoAccountIdThenInvalidRequest() {
		failure(PortalErrorCode.INVALID_REQUEST,
				() -> this.gateway.createCustomer(new NewCustomer(" ", null, null), this.sandbox.key()));
	}

	@Test
	void findCustomerByEmailWhenSharedThenAmbiguousInsteadOfPickingOne() {
		this.gateway.createCustomer(new NewCustomer("acct_1", "team@example.com", "First"), this.sandbox.key());
		this.gateway.createCustomer(new NewCustomer("acct_2", "TEAM@example.com", "Last"), this.sandbox.key());
		failure(PortalErrorCode.CUSTOMER_AMBIGUOUS, () -> this.gateway.findCustomerByEmail("team@example.com"));
	}

	@Test
	void findCustomerByEmailWhenTurkishIFormsThenSameCustomerAsThePlainAddress() {
		Customer alice = this.gateway.createCustomer(new NewCustomer("acct_1", "alice@example.com", "Alice"),
				this.sandbox.key());
		assertThat(this.gateway.findCustomerByEmail("alİce@example.com")).contains(alice);
		assertThat(this.gateway.findCustomerByEmail("alıce@example.com")).contains(alice);
		assertThat(this.gateway.findCustomerByEmail("\uFF41lice@example.com")).as("full-width a").contains(alice);
	}

	@Test
	void updateCustomerThenReplacesWholeProfile() {
		Customer customer = this.sandbox.customer("acct_1");
		Address address = new Address("1 Main St", "Suite 2", "Springfield", "IL", "12345", "US");
		Customer updated = this.gateway.updateCustomer(customer.id(),
				new CustomerProfileUpdate("Alice", "alice@example.com", "+1 555 0100", address, "US123"),
				this.sandbox.key());
		assertThat(updated.name()).isEqualTo("Alice");
		assertThat(updated.address()).isEqualTo(address);
		assertThat(updated.taxId()).isEqualTo("US123");
		Customer cleared = this.gateway.updateCustomer(customer.id(),
				new CustomerProfileUpdate("Alice", null, null, null, null), this.sandbox.key());
		assertThat(cleared.email()).isNull();
		assertThat(cleared.phone()).isNull();
		assertThat(cleared.address()).isNull();
		assertThat(cleared.taxId()).isNull();
		assertThat(this.gateway.findCustomer(customer.id())).contains(cleared);
	}

	@Test
	void mutationsWhenCustomerUnknownThenCustomerNotFound() {
		failure(PortalErrorCode.CUSTOMER_NOT_FOUND, () -> this.gateway.updateCustomer("cus_missing",
				new CustomerProfileUpdate(null, null, null, null, null), this.sandbox.key()));
		failure(PortalErrorCode.CUSTOMER_NOT_FOUND,
				() -> this.gateway.attachCard("cus_missing", VISA, 12, 2030, this.sandbox.key()));
		failure(PortalErrorCode.CUSTOMER_NOT_FOUND,
				() -> this.gateway.setDefaultPaymentMethod("cus_missing", "pm_x", this.sandbox.key()));
	}

	@Test
	void attachCardThenSavedWithBrandAndLast4ButNotDefault() {
		Customer customer = this.sandbox.customer("acct_1");
		PaymentMethod method = this.gateway.attachCard(customer.id(), "3782 822463 10005", 7, 28, this.sandbox.key());
		assertThat(method.id()).startsWith("pm_");
		assertThat(method.type()).isEqualTo("card");
		assertThat(method.customerId()).isEqualTo(customer.id());
		assertThat(method.created()).isEqualTo(APRIL_1);
		assertThat(method.card()).isEqualTo(new Card("amex", "0005", 7, 2028));
		assertThat(method.toString()).doesNotContain("378282246310005");
		assertThat(this.gateway.findCustomer(customer.id()).orElseThrow().defaultPaymentMethodId()).isNull();
		assertThat(this.gateway.findPaymentMethod(method.id())).contains(method);
		assertThat(this.gateway.findPaymentMethod("pm_missing")).isEmpty();
	}

	@Test
	void attachCardWhenDeclinedTestCardThenPaymentFailed() {
		Customer customer = this.sandbox.customer("acct_1");
		PortalException declined = failure(PortalErrorCode.PAYMENT_FAILED,
				() -> this.gateway.attachCard(customer.id(), "4000 0000 0000 0002", 12, 2030, this.sandbox.key()));
		assertThat(declined.getMessage()).isEqualTo("Your card was declined.");
		PortalException insufficient = failure(PortalErrorCode.PAYMENT_FAILED,
				() -> this.gateway.attachCard(customer.id(), "4000000000009995", 12, 2030, this.sandbox.key()));
		assertThat(insufficient.getMessage()).isEqualTo("Your card has insufficient funds.");
		assertThat(this.gateway.listPaymentMethods(customer.id())).isEmpty();
	}

	@Test
	void attachCardWhenNumberOrExpiryInvalidThenInvalidCard() {
		Customer customer = this.sandbox.customer("acct_1");
		for (String number : List.of("4242424242424241", "4242", "4242-4242-4242-4242", "abcd efgh ijkl mnop")) {
			failure(PortalErrorCode.INVALID_CARD,
					() -> this.gateway.attachCard(customer.id(), number, 12, 2030, this.sandbox.key()));
		}
		failure(PortalErrorCode.INVALID_CARD,
				() -> this.gateway.attachCard(customer.id(), VISA, 13, 2030, this.sandbox.key()));
		failure(PortalErrorCode.INVALID_CARD,
				() -> this.gateway.attachCard(customer.id(), VISA, 3, 2026, this.sandbox.key()));
		assertThat(this.gateway.attachCard(customer.id(), VISA, 4, 2026, this.sandbox.key())).isNotNull();
	}

	@Test
	void attachCardWhenCardExpiresWithTheSandboxClockThenInvalidCard() {
		Customer customer = this.sandbox.customer("acct_1");
		this.gateway.advanceClock(Duration.ofDays(30));
		failure(PortalErrorCode.INVALID_CARD,
				() -> this.gateway.attachCard(customer.id(), VISA, 4, 2026, this.sandbox.key()));
	}

	@Test
	void listPaymentMethodsThenNewestFirst() {
		Customer customer = this.sandbox.customer("acct_1");
		PaymentMethod first = this.gateway.attachCard(customer.id(), VISA, 12, 2030, this.sandbox.key());
		PaymentMethod second = this.gateway.attachCard(customer.id(), "5555555555554444", 12, 2030, this.sandbox.key());
		assertThat(this.gateway.listPaymentMethods(customer.id())).containsExactly(second, first);
		assertThat(this.gateway.listPaymentMethods("cus_missing")).isEmpty();
	}

	@Test
	void setDefaultPaymentMethodThenDefaultOfCustomerAndLiveSubscriptions() {
		Subscription subscription = this.sandbox.subscribe("price_pro_monthly", VISA);
		PaymentMethod card = this.gateway.attachCard(subscription.customerId(), "5555555555554444", 12, 2030,
				this.sandbox.key());
		Customer customer = this.gateway.setDefaultPaymentMethod(subscription.customerId(), card.id(),
				this.sandbox.key());
		assertThat(customer.defaultPaymentMethodId()).isEqualTo(card.id());
		assertThat(this.sandbox.subscription(subscription.id()).defaultPaymentMethodId()).isEqualTo(card.id());
	}

	@Test
	void setDefaultPaymentMethodWhenCardIsAnotherCustomersThenPaymentMethodNotFound() {
		Customer alice = this.sandbox.customer("acct_alice");
		Customer bob = this.sandbox.customer("acct_bob");
		PaymentMethod bobsCard = this.gateway.attachCard(bob.id(), VISA, 12, 2030, this.sandbox.key());
		failure(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND,
				() -> this.gateway.setDefaultPaymentMethod(alice.id(), bobsCard.id(), this.sandbox.key()));
		failure(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND,
				() -> this.gateway.setDefaultPaymentMethod(alice.id(), "pm_missing", this.sandbox.key()));
	}

	@Test
	void listPricesThenActiveOnlyByProductCheapestFirst() {
		assertThat(this.gateway.listPrices()).extracting(Price::id)
			.containsExactly("price_pro_monthly", "price_pro_yearly", "price_business_monthly",
					"price_business_yearly", "price_euro_monthly");
		assertThat(this.gateway.findPrice("price_legacy")).hasValueSatisfying((price) -> {
			assertThat(price.active()).isFalse();
			assertThat(price.product().name()).isEqualTo("Legacy");
		});
		assertThat(this.gateway.findPrice("price_pro_monthly").orElseThrow().product().metadata())
			.containsEntry("entitlements", "projects,reports");
		assertThat(this.gateway.findPrice("price_missing")).isEmpty();
	}

}
