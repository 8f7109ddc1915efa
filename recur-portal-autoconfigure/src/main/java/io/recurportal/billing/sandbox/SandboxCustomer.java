package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.recurportal.billing.Address;
import io.recurportal.billing.Customer;
import io.recurportal.billing.PaymentMethod;
import org.jspecify.annotations.Nullable;

/**
 * A customer as the sandbox keeps it. Mutable, and only ever changed inside a
 * {@link SandboxLedger} copy that is committed or thrown away as a whole.
 */
final class SandboxCustomer {

	final String id;

	final Instant created;

	final long sequence;

	@Nullable String externalId;

	@Nullable String email;

	@Nullable String name;

	@Nullable String phone;

	@Nullable Address address;

	@Nullable String taxId;

	@Nullable String defaultPaymentMethodId;

	/** Credit the next invoices use up, in minor units; never negative. */
	long creditBalance;

	@Nullable String currency;

	Map<String, String> metadata;

	/** The languages the customer prefers, most preferred first, as Stripe's preferred_locales. */
	List<String> preferredLocales = List.of();

	/** How many invoices have been given a number, for the next number. */
	int invoicesNumbered;

	SandboxCustomer(String id, Instant created, long sequence, Map<String, String> metadata) {
		this.id = id;
		this.created = created;
		this.sequence = sequence;
		this.metadata = Map.copyOf(metadata);
	}

	SandboxCustomer copy() {
		SandboxCustomer copy = new SandboxCustomer(this.id, this.created, this.sequence, this.metadata);
		copy.externalId = this.externalId;
		copy.email = this.email;
		copy.name = this.name;
		copy.phone = this.phone;
		copy.address = this.address;
		copy.taxId = this.taxId;
		copy.defaultPaymentMethodId = this.defaultPaymentMethodId;
		copy.creditBalance = this.creditBalance;
		copy.currency = this.currency;
		copy.invoicesNumbered = this.invoicesNumbered;
		copy.preferredLocales = this.preferredLocales;
		return copy;
	}

	Customer toCustomer() {
		return new Customer(this.id, this.externalId, this.email, this.name, this.phone, this.address, this.taxId,
				this.defaultPaymentMethodId, this.creditBalance, this.currency, this.metadata, null,
				this.preferredLocales);
	}

	/** The customer with its default card, as Stripe answers a lookup that expands it. */
	Customer toCustomerWithDefaultCard(SandboxLedger ledger) {
		PaymentMethod defaultCard = (this.defaultPaymentMethodId != null)
				? ledger.card(this.defaultPaymentMethodId).map(SavedCard::method).orElse(null) : null;
		return new Customer(this.id, this.externalId, this.email, this.name, this.phone, this.address, this.taxId,
				this.defaultPaymentMethodId, this.creditBalance, this.currency, this.metadata, defaultCard,
				this.preferredLocales);
	}

}
