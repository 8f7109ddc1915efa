package io.recurportal.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;

/**
 * An account's customer (with its default card) and invoice history as the provider last
 * answered them, so that a portal view asks the provider only when they are not known.
 * <p>
 * A snapshot is used until the account changes (a webhook, an owner's action, a sync
 * {@link #forget forgets} it) or for at most the time-to-live, which bounds how stale a
 * view can be when a change reaches the portal by neither way.
 */
public final class AccountSnapshots {

	private static final Log logger = LogFactory.getLog(AccountSnapshots.class);

	static final String CUSTOMER = "customer";

	static final String INVOICES = "invoices";

	private static final TypeReference<List<Invoice>> INVOICE_LIST = new TypeReference<>() {
	};

	private static final JsonMapper jsonMapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final BillingSnapshotStore store;

	private final Duration timeToLive;

	private final Clock clock;

	/**
	 * Creates the snapshots of a store.
	 * @param store where they are kept
	 * @param timeToLive how long one is used at most; zero to always ask the provider
	 * @param clock the clock read and change times come from
	 */
	public AccountSnapshots(BillingSnapshotStore store, Duration timeToLive, Clock clock) {
		Assert.notNull(store, "'store' must not be null");
		Assert.isTrue(timeToLive != null && !timeToLive.isNegative(), "'timeToLive' must not be negative");
		Assert.notNull(clock, "'clock' must not be null");
		this.store = store;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/**
	 * The account's customer, read from the provider only when no valid snapshot exists.
	 * @param accountId the account
	 * @param read asks the provider
	 * @return the customer
	 */
	public Customer customer(String accountId, Supplier<Customer> read) {
		return snapshot(accountId, CUSTOMER, read, (json) -> jsonMapper.readValue(json, Customer.class));
	}

	/**
	 * The account's invoice history, read from the provider only when no valid snapshot
	 * exists.
	 * @param accountId the account
	 * @param read asks the provider
	 * @return the invoices
	 */
	public List<Invoice> invoices(String accountId, Supplier<List<Invoice>> read) {
		return snapshot(accountId, INVOICES, read, (json) -> jsonMapper.readValue(json, INVOICE_LIST));
	}

	/**
	 * Runs a provider lookup that finds the account's customer, and keeps what it finds:
	 * finding the customer of an account and then showing it costs one call, not two.
	 * @param accountId the account
	 * @param lookup asks the provider
	 * @return what the lookup found
	 */
	public Optional<Customer> lookUpCustomer(String accountId, Supplier<Optional<Customer>> lookup) {
		Instant readAt = this.clock.instant();
		Optional<Customer> customer = lookup.get();
		customer.ifPresent((found) -> save(accountId, CUSTOMER, found, readAt));
		return customer;
	}

	/**
	 * Forgets everything kept about an account: it changed at the provider, or is about to
	 * be read again on purpose.
	 * @param accountId the account
	 */
	public void forget(String accountId) {
		this.store.invalidate(accountId, this.clock.instant());
	}

	private <T> T snapshot(String accountId, String kind, Supplier<T> read, Reader<T> reader) {
		Instant now = this.clock.instant();
		Optional<BillingSnapshot> stored = this.store.find(accountId, kind)
			.filter((snapshot) -> snapshot.readAt().plus(this.timeToLive).isAfter(now));
		if (stored.isPresent()) {
			try {
				return reader.read(stored.get().json());
			}
			catch (JacksonException ex) {
				// Written by another version of the portal: read it again. The message would quote
				// the customer's data, so only its kind is logged.
				logger.debug("Ignoring a " + kind + " snapshot that cannot be read (" + ex.getClass().getSimpleName()
						+ ")");
			}
		}
		T value = read.get();
		save(accountId, kind, value, now);
		return value;
	}

	private void save(String accountId, String kind, Object value, Instant readAt) {
		if (!this.timeToLive.isZero()) {
			this.store.save(accountId, kind, new BillingSnapshot(jsonMapper.writeValueAsString(value), readAt));
		}
	}

	@FunctionalInterface
	private interface Reader<T> {

		T read(String json);

	}

}
