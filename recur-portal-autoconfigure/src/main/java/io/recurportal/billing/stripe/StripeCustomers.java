package io.recurportal.billing.stripe;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeCollection;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerRetrieveParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.common.EmptyParam;
import io.recurportal.billing.Address;
import io.recurportal.billing.Customer;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.EmailAddresses;
import io.recurportal.billing.NewCustomer;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Stripe customers: lookups by id, account and email; creation; profile updates.
 * <p>
 * The host's account id is the customer metadata {@code recur_account_id}; the tax id
 * is the metadata {@code recur_tax_id} (Stripe's tax id objects need a type per country
 * and validation the portal does not offer, so the value is kept as the customer typed
 * it).
 */
final class StripeCustomers {

	private static final Log logger = LogFactory.getLog(StripeCustomers.class);

	static final long SEARCH_LIMIT = 10;

	static final long PAGE_SIZE = 100;

	// The path of the default card inside a customer, to expand.
	private static final String DEFAULT_CARD = "invoice_settings.default_payment_method";

	/** The most customers the fallback lists before giving up, so a lookup stays bounded. */
	static final int MAX_LISTED = 1000;

	private final StripeClient client;

	private final StripeModelMapper mapper;

	private final StripeErrorTranslator errors;

	// Search is not offered in every region; once Stripe said so, the fallback is used directly.
	private volatile boolean searchUnavailable;

	StripeCustomers(StripeClient client, StripeModelMapper mapper, StripeErrorTranslator errors) {
		this.client = client;
		this.mapper = mapper;
		this.errors = errors;
	}

	/**
	 * One call: {@code GET /v1/customers/{id}}, with the default card expanded so showing it
	 * costs no second call. A deleted customer is not found.
	 */
	Optional<Customer> find(String customerId) {
		CustomerRetrieveParams params = CustomerRetrieveParams.builder().addExpand(DEFAULT_CARD).build();
		return this.errors
			.find(PortalErrorCode.CUSTOMER_NOT_FOUND,
					() -> this.client.v1().customers().retrieve(customerId, params))
			.filter((customer) -> !Boolean.TRUE.equals(customer.getDeleted()))
			.map(this.mapper::customer);
	}

	/**
	 * One call, {@code GET /v1/customers/search}, newest match first. Where Stripe answers
	 * search with a 400 (it is not offered in every region) the customers are listed
	 * instead, newest first, up to {@value #MAX_LISTED} in pages of {@value #PAGE_SIZE}.
	 * Stripe's search index lags writes by up to a minute: a customer created moments ago
	 * may not be found yet, so creation must be guarded by an idempotency key derived from
	 * the account.
	 */
	Optional<Customer> findByExternalId(String externalId) {
		if (!this.searchUnavailable) {
			try {
				CustomerSearchParams params = CustomerSearchParams.builder()
					.setQuery("metadata['" + StripeModelMapper.ACCOUNT_ID_METADATA + "']:'" + quote(externalId) + "'")
					.setLimit(SEARCH_LIMIT)
					.addExpand("data." + DEFAULT_CARD)
					.build();
				return this.client.v1()
					.customers()
					.search(params)
					.getData()
					.stream()
					.filter((customer) -> belongsTo(customer, externalId))
					.max(Comparator.comparing((customer) -> Objects.requireNonNullElse(customer.getCreated(), 0L)))
					.map(this.mapper::customer);
			}
			catch (InvalidRequestException ex) {
				this.searchUnavailable = true;
				logger.info("Stripe customer search is not available to this account; listing customers instead ("
						+ StripeErrorTranslator.redact(ex.getMessage()) + ")");
			}
			catch (StripeException ex) {
				throw this.errors.translate(ex, PortalErrorCode.CUSTOMER_NOT_FOUND);
			}
		}
		return findByExternalIdInList(externalId);
	}

	private Optional<Customer> findByExternalIdInList(String externalId) {
		String startingAfter = null;
		int listed = 0;
		while (listed < MAX_LISTED) {
			CustomerListParams.Builder params = CustomerListParams.builder().setLimit(PAGE_SIZE);
			if (startingAfter != null) {
				params.setStartingAfter(startingAfter);
			}
			StripeCollection<com.stripe.model.Customer> page = this.errors.call(PortalErrorCode.CUSTOMER_NOT_FOUND,
					() -> this.client.v1().customers().list(params.build()));
			List<com.stripe.model.Customer> customers = page.getData();
			for (com.stripe.model.Customer customer : customers) {
				if (belongsTo(customer, externalId)) {
					return Optional.of(this.mapper.customer(customer));
				}
			}
			listed += customers.size();
			if (!Boolean.TRUE.equals(page.getHasMore()) || customers.isEmpty()) {
				return Optional.empty();
			}
			startingAfter = customers.get(customers.size() - 1).getId();
		}
		logger.warn("No Stripe customer of an account among the newest " + MAX_LISTED
				+ " customers; older ones are not searched without Stripe's search API");
		return Optional.empty();
	}

	private static boolean belongsTo(com.stripe.model.Customer customer, String externalId) {
		return customer.getMetadata() != null
				&& externalId.equals(customer.getMetadata().get(StripeModelMapper.ACCOUNT_ID_METADATA));
	}

	// Stripe's search language: a quoted string escapes quotes and backslashes with a backslash.
	static String quote(String value) {
		return value.replace("\\", "\\\\").replace("'", "\\'");
	}

	/**
	 * {@code GET /v1/customers?email=}. Stripe compares emails with case, so when the
	 * email as given differs from its {@link EmailAddresses#normalize(String) normal
	 * form}, that is asked too: one call, or two. Matches are compared in normal form; when
	 * several customers have the email none is picked.
	 * @throws PortalException {@code customer_ambiguous} when several customers have it
	 */
	Optional<Customer> findByEmail(String email) {
		String asGiven = Normalizer.normalize(email.strip(), Normalizer.Form.NFKC);
		String normalized = EmailAddresses.normalize(email);
		Map<String, com.stripe.model.Customer> matches = new LinkedHashMap<>();
		findByExactEmail(asGiven, normalized, matches);
		if (!normalized.equals(asGiven)) {
			findByExactEmail(normalized, normalized, matches);
		}
		if (matches.size() > 1) {
			throw new PortalException(PortalErrorCode.CUSTOMER_AMBIGUOUS, EmailAddresses.AMBIGUOUS_MESSAGE);
		}
		return matches.values().stream().findFirst().map(this.mapper::customer);
	}

	private void findByExactEmail(String email, String normalized, Map<String, com.stripe.model.Customer> matches) {
		CustomerListParams params = CustomerListParams.builder().setEmail(email).setLimit(SEARCH_LIMIT).build();
		this.errors.call(PortalErrorCode.CUSTOMER_NOT_FOUND, () -> this.client.v1().customers().list(params))
			.getData()
			.stream()
			.filter((customer) -> customer.getEmail() != null
					&& EmailAddresses.normalize(customer.getEmail()).equals(normalized))
			.forEach((customer) -> matches.putIfAbsent(customer.getId(), customer));
	}

	/** One call: {@code POST /v1/customers}. */
	Customer create(NewCustomer customer, String idempotencyKey) {
		CustomerCreateParams params = CustomerCreateParams.builder()
			.setEmail(customer.email())
			.setName(customer.name())
			.putMetadata(StripeModelMapper.ACCOUNT_ID_METADATA, customer.externalId())
			.build();
		return this.mapper.customer(this.errors.call(PortalErrorCode.CUSTOMER_NOT_FOUND,
				() -> this.client.v1()
					.customers()
					.create(params, StripeIdempotencyKeys.requestOptions(StripeIdempotencyKeys.of(idempotencyKey)))));
	}

	/** One call: {@code POST /v1/customers/{id}}; a {@code null} field is sent empty, which clears it. */
	Customer update(String customerId, CustomerProfileUpdate update, String idempotencyKey) {
		CustomerUpdateParams.Builder params = CustomerUpdateParams.builder();
		setOrClear(update.name(), params::setName, params::setName);
		setOrClear(update.email(), params::setEmail, params::setEmail);
		setOrClear(update.phone(), params::setPhone, params::setPhone);
		Address address = update.address();
		if (address != null && !address.isEmpty()) {
			params.setAddress(address(address));
		}
		else {
			params.setAddress(EmptyParam.EMPTY);
		}
		// An empty metadata value deletes the key.
		params.putMetadata(StripeModelMapper.TAX_ID_METADATA, Objects.requireNonNullElse(update.taxId(), ""));
		return this.mapper.customer(this.errors.call(PortalErrorCode.CUSTOMER_NOT_FOUND,
				() -> this.client.v1()
					.customers()
					.update(customerId, params.build(),
							StripeIdempotencyKeys.requestOptions(StripeIdempotencyKeys.of(idempotencyKey)))));
	}

	private static CustomerUpdateParams.Address address(Address address) {
		CustomerUpdateParams.Address.Builder builder = CustomerUpdateParams.Address.builder();
		setOrClear(address.line1(), builder::setLine1, builder::setLine1);
		setOrClear(address.line2(), builder::setLine2, builder::setLine2);
		setOrClear(address.city(), builder::setCity, builder::setCity);
		setOrClear(address.state(), builder::setState, builder::setState);
		setOrClear(address.postalCode(), builder::setPostalCode, builder::setPostalCode);
		setOrClear(address.country(), builder::setCountry, builder::setCountry);
		return builder.build();
	}

	private static void setOrClear(@Nullable String value, Consumer<String> set,
			Consumer<EmptyParam> clear) {
		if (value != null && !value.isBlank()) {
			set.accept(value);
		}
		else {
			clear.accept(EmptyParam.EMPTY);
		}
	}

}
