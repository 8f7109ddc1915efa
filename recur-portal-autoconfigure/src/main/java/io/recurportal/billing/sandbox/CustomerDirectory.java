package io.recurportal.billing.sandbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.EmailAddresses;
import io.recurportal.billing.NewCustomer;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.jspecify.annotations.Nullable;

/**
 * Finds, creates and updates customers. A host account has at most one customer.
 */
final class CustomerDirectory {

	/** Where Stripe keeps the host's account id, mirrored so both providers look alike. */
	static final String ACCOUNT_ID_METADATA_KEY = "recur_account_id";

	private CustomerDirectory() {
	}

	static Optional<SandboxCustomer> findByExternalId(SandboxLedger ledger, String externalId) {
		return ledger.customers().stream().filter((customer) -> externalId.equals(customer.externalId)).findFirst();
	}

	/**
	 * The customer with an email, compared in {@link EmailAddresses#normalize(String) normal form}.
	 * @param ledger the ledger
	 * @param email the email
	 * @return the customer, if any
	 * @throws PortalException {@code customer_ambiguous} when several customers have it
	 */
	static Optional<SandboxCustomer> findByEmail(SandboxLedger ledger, String email) {
		String normalized = EmailAddresses.normalize(email);
		List<SandboxCustomer> matches = ledger.customers()
			.stream()
			.filter((customer) -> customer.email != null && EmailAddresses.normalize(customer.email).equals(normalized))
			.toList();
		if (matches.size() > 1) {
			throw new PortalException(PortalErrorCode.CUSTOMER_AMBIGUOUS, EmailAddresses.AMBIGUOUS_MESSAGE);
		}
		return matches.stream().findFirst();
	}

	/**
	 * Creates a customer for an account with no customer.
	 * @param ledger the ledger
	 * @param externalId the account id
	 * @param email the email
	 * @param name the name
	 * @param id the id to give it, or {@code null} to generate one
	 * @param metadata its metadata, to which the account id is added
	 * @param now the time
	 * @return the customer
	 */
	static SandboxCustomer add(SandboxLedger ledger, @Nullable String externalId,
			@Nullable String email, @Nullable String name,
			@Nullable String id, Map<String, String> metadata, Instant now) {
		Map<String, String> allMetadata = new HashMap<>(metadata);
		if (externalId != null) {
			allMetadata.put(ACCOUNT_ID_METADATA_KEY, externalId);
		}
		SandboxCustomer customer = new SandboxCustomer((id != null) ? id : ledger.newId("cus"), now,
				ledger.nextSequence(), allMetadata);
		customer.externalId = externalId;
		customer.email = email;
		customer.name = name;
		ledger.add(customer);
		return customer;
	}

	/**
	 * The account's customer, created when it has none.
	 * @param ledger the ledger
	 * @param request the customer to create
	 * @param now the time
	 * @return the customer, and whether it was created
	 */
	static Created create(SandboxLedger ledger, NewCustomer request, Instant now) {
		if (request.externalId() == null || request.externalId().isBlank()) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "A customer needs the account id it belongs to.");
		}
		Optional<SandboxCustomer> existing = findByExternalId(ledger, request.externalId());
		if (existing.isPresent()) {
			return new Created(existing.get(), false);
		}
		return new Created(add(ledger, request.externalId(), request.email(), request.name(), null, Map.of(), now),
				true);
	}

	/**
	 * Replaces a customer's profile.
	 * @param ledger the ledger
	 * @param customerId the customer
	 * @param update the new profile; {@code null} fields are cleared
	 * @return the customer
	 */
	static SandboxCustomer update(SandboxLedger ledger, String customerId, CustomerProfileUpdate update) {
		SandboxCustomer customer = ledger.requireCustomer(customerId);
		customer.name = update.name();
		customer.email = update.email();
		customer.phone = update.phone();
		customer.address = (update.address() != null && !update.address().isEmpty()) ? update.address() : null;
		customer.taxId = update.taxId();
		return customer;
	}

	/**
	 * A customer, and whether this call created it.
	 *
	 * @param customer the customer
	 * @param created whether it is new
	 */
	record Created(SandboxCustomer customer, boolean created) {

	}

}
