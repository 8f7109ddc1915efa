package io.recurportal.billing.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.recurportal.billing.Address;
import io.recurportal.billing.BillingInterval;
import io.recurportal.error.PortalException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the sandbox starts with: a catalog of products and prices, and customers with
 * cards and subscriptions in any status. Binds from JSON ({@link #read(InputStream)}) and
 * from Spring properties (constructor binding); optional fields may be left out, and
 * every record checks itself, so bad data fails at once with a message naming the field.
 * <pre class="code">
 * {"products": [{"id": "prod_pro", "name": "Pro", "metadata": {"entitlements": "projects,reports,api"},
 *     "prices": [{"id": "price_pro_monthly", "currency": "usd", "unitAmount": 2900, "interval": "month"}]}],
 *  "customers": [{"id": "cus_active", "email": "alice@example.com", "metadata": {"recur_account_id": "acct_active"},
 *     "cards": [{"number": "4242424242424242", "expMonth": 12, "expYear": 2030}],
 *     "subscriptions": [{"id": "sub_active", "priceId": "price_pro_monthly", "status": "active", "startedDaysAgo": 75}]}]}
 * </pre>
 *
 * @param products the catalog
 * @param customers the customers
 */
public record SandboxSeed(List<Product> products, List<Customer> customers) {

	private static final String DEFAULT_SEED = "default-seed.json";

	private static final String ACCOUNT_ID_METADATA = CustomerDirectory.ACCOUNT_ID_METADATA_KEY;

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/**
	 * Checks the seed; a seed with customers and no products bills the
	 * {@link #defaultSeed() built-in catalog}.
	 * @throws IllegalArgumentException when a subscription names a price the catalog does
	 * not have, or an id is given twice
	 */
	public SandboxSeed {
		products = listOf(products);
		customers = listOf(customers);
		if (products.isEmpty() && !customers.isEmpty()) {
			products = defaultSeed().products();
		}
		checkReferences(products, customers);
	}

	/**
	 * Reads a seed from JSON with the records' names in camelCase. Closes the stream.
	 * @param input the JSON
	 * @return the seed
	 * @throws IllegalArgumentException when the JSON is malformed or a field is bad; the
	 * message names the field, {@code products[0].prices[1].unitAmount} for example
	 */
	public static SandboxSeed read(InputStream input) {
		Objects.requireNonNull(input, "'input' must not be null");
		try (input) {
			return JSON.readValue(input, SandboxSeed.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(describe(ex), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the sandbox seed", ex);
		}
	}

	/**
	 * The built-in catalog: Starter and Pro, each monthly and yearly in usd, and no
	 * customers.
	 * @return the seed
	 */
	public static SandboxSeed defaultSeed() {
		InputStream input = SandboxSeed.class.getResourceAsStream(DEFAULT_SEED);
		if (input == null) {
			throw new IllegalStateException("The built-in sandbox seed " + DEFAULT_SEED + " is missing");
		}
		return read(input);
	}

	private static String describe(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
		}
		String problem = ex.getOriginalMessage();
		Throwable cause = ex.getCause();
		while (cause != null) {
			if (cause instanceof InvalidSeedException invalid) {
				path.append((path.length() > 0) ? "." : "").append(invalid.field());
				problem = invalid.problem();
				break;
			}
			cause = cause.getCause();
		}
		String where = (path.length() > 0) ? path.toString() : "(document)";
		return "Invalid sandbox seed at " + where + ": " + problem;
	}

	private static void checkReferences(List<Product> products, List<Customer> customers) {
		Map<String, String> currencyByPrice = new HashMap<>();
		Set<String> productIds = new HashSet<>();
		for (int i = 0; i < products.size(); i++) {
			Product product = products.get(i);
			if (!productIds.add(product.id())) {
				throw new InvalidSeedException("products[" + i + "].id", "duplicate product id '" + product.id() + "'");
			}
			for (int j = 0; j < product.prices().size(); j++) {
				Price price = product.prices().get(j);
				if (currencyByPrice.putIfAbsent(price.id(), price.currency()) != null) {
					throw new InvalidSeedException("products[" + i + "].prices[" + j + "].id",
							"duplicate price id '" + price.id() + "'");
				}
			}
		}
		Set<String> customerIds = new HashSet<>();
		Set<String> externalIds = new HashSet<>();
		Set<String> subscriptionIds = new HashSet<>();
		for (int i = 0; i < customers.size(); i++) {
			Customer customer = customers.get(i);
			String at = "customers[" + i + "]";
			if (customer.id() != null && !customerIds.add(customer.id())) {
				throw new InvalidSeedException(at + ".id", "duplicate customer id '" + customer.id() + "'");
			}
			if (customer.externalId() != null && !externalIds.add(customer.externalId())) {
				throw new InvalidSeedException(at + ".metadata." + ACCOUNT_ID_METADATA,
						"two customers belong to account '" + customer.externalId() + "'");
			}
			String customerCurrency = null;
			for (int j = 0; j < customer.subscriptions().size(); j++) {
				Subscription subscription = customer.subscriptions().get(j);
				String subAt = at + ".subscriptions[" + j + "]";
				if (subscription.id() != null && !subscriptionIds.add(subscription.id())) {
					throw new InvalidSeedException(subAt + ".id",
							"duplicate subscription id '" + subscription.id() + "'");
				}
				String currency = currencyByPrice.get(subscription.priceId());
				if (currency == null) {
					throw new InvalidSeedException(subAt + ".priceId", "no price '" + subscription.priceId()
							+ "' in products (known: " + String.join(", ", currencyByPrice.keySet().stream().sorted().toList())
							+ "); add it to products, or leave products out to use the built-in catalog");
				}
				if (customerCurrency != null && !customerCurrency.equals(currency)) {
					throw new InvalidSeedException(subAt + ".priceId",
							"a customer pays in one currency, " + customerCurrency + ", not " + currency);
				}
				customerCurrency = currency;
			}
		}
	}

	private static <T> List<T> listOf(@Nullable List<T> list) {
		return (list != null) ? List.copyOf(list) : List.of();
	}

	private static Map<String, String> mapOf(@Nullable Map<String, String> map) {
		return (map != null) ? Map.copyOf(map) : Map.of();
	}

	private static String require(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw new InvalidSeedException(field, "is required");
		}
		return value;
	}

	private static int atLeast(@Nullable Integer value, int defaultValue, int minimum, String field) {
		int result = (value != null) ? value : defaultValue;
		if (result < minimum) {
			throw new InvalidSeedException(field, "must be at least " + minimum + ", was " + result);
		}
		return result;
	}

	/**
	 * A product and its prices.
	 *
	 * @param id the product id, {@code prod_pro} for example
	 * @param name the name customers see
	 * @param description the description customers see
	 * @param active whether it can be bought; defaults to {@code true}
	 * @param metadata free-form metadata; {@code entitlements} lists what it grants,
	 * comma-separated
	 * @param prices its recurring prices
	 */
	public record Product(String id, String name, @Nullable String description, @Nullable Boolean active,
			Map<String, String> metadata, List<Price> prices) {

		public Product {
			require(id, "id");
			require(name, "name");
			active = (active != null) ? active : Boolean.TRUE;
			metadata = mapOf(metadata);
			prices = listOf(prices);
		}

	}

	/**
	 * A recurring price.
	 *
	 * @param id the price id, {@code price_pro_monthly} for example
	 * @param nickname an internal or display name
	 * @param currency the ISO 4217 currency code, any case; kept in lower case
	 * @param unitAmount the amount per interval in the currency's minor unit
	 * @param interval {@code day}, {@code week}, {@code month} or {@code year}
	 * @param intervalCount how many intervals between bills; defaults to 1
	 * @param active whether it can be bought; defaults to {@code true}
	 * @param metadata free-form metadata
	 */
	public record Price(String id, @Nullable String nickname, String currency, @Nullable Long unitAmount,
			String interval, @Nullable Integer intervalCount, @Nullable Boolean active,
			Map<String, String> metadata) {

		public Price {
			require(id, "id");
			currency = require(currency, "currency").toLowerCase(Locale.ROOT);
			try {
				Currency.getInstance(currency.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSeedException("currency", "'" + currency + "' is not an ISO 4217 currency code");
			}
			if (unitAmount == null) {
				throw new InvalidSeedException("unitAmount", "is required");
			}
			if (unitAmount < 0) {
				throw new InvalidSeedException("unitAmount", "must not be negative, was " + unitAmount);
			}
			try {
				interval = BillingInterval.fromValue(require(interval, "interval")).value();
			}
			catch (IllegalArgumentException ex) {
				if (ex instanceof InvalidSeedException) {
					throw ex;
				}
				throw new InvalidSeedException("interval",
						"'" + interval + "' is not one of day, week, month, year");
			}
			intervalCount = atLeast(intervalCount, 1, 1, "intervalCount");
			active = (active != null) ? active : Boolean.TRUE;
			metadata = mapOf(metadata);
		}

	}

	/**
	 * A customer with saved cards and subscriptions. It belongs to the host account in its
	 * {@code recur_account_id} metadata, as Stripe's customers do; {@code externalId} is
	 * an older way to say the same, kept in step with it.
	 *
	 * @param id the customer id; generated ({@code cus_...}) when left out
	 * @param externalId the host's account id, the same as {@code metadata.recur_account_id}
	 * @param email the billing email
	 * @param name the billing name
	 * @param phone the phone number
	 * @param address the billing address
	 * @param taxId the tax id shown on invoices
	 * @param metadata free-form metadata
	 * @param cards saved cards, the first being the default
	 * @param subscriptions subscriptions, in any status
	 * @param preferredLocales the languages the customer prefers, most preferred first
	 * ({@code ["ja"]}), as Stripe's {@code preferred_locales}
	 */
	public record Customer(@Nullable String id, @Nullable String externalId, @Nullable String email,
			@Nullable String name, @Nullable String phone, @Nullable Address address, @Nullable String taxId,
			Map<String, String> metadata, List<Card> cards, List<Subscription> subscriptions,
			List<String> preferredLocales) {

		public Customer {
			metadata = mapOf(metadata);
			String account = metadata.get(ACCOUNT_ID_METADATA);
			if (externalId != null && account != null && !externalId.equals(account)) {
				throw new InvalidSeedException("externalId", "'" + externalId + "' is another account than metadata."
						+ ACCOUNT_ID_METADATA + " '" + account + "'; give the account once, in metadata."
						+ ACCOUNT_ID_METADATA);
			}
			if (externalId == null) {
				externalId = account;
			}
			else if (account == null) {
				Map<String, String> linked = new HashMap<>(metadata);
				linked.put(ACCOUNT_ID_METADATA, externalId);
				metadata = Map.copyOf(linked);
			}
			cards = listOf(cards);
			subscriptions = listOf(subscriptions);
			preferredLocales = listOf(preferredLocales);
		}

	}

	/**
	 * A saved card. Any Luhn-valid number saves; see the sandbox's test cards for numbers
	 * whose charges fail. Cards that are declined when saved cannot be seeded.
	 *
	 * @param number the card number, spaces allowed
	 * @param expMonth the expiry month, 1 to 12
	 * @param expYear the expiry year; it may be past, to show an expired card
	 */
	public record Card(String number, @Nullable Integer expMonth, @Nullable Integer expYear) {

		public Card {
			require(number, "number");
			if (expMonth == null) {
				throw new InvalidSeedException("expMonth", "is required");
			}
			if (expYear == null) {
				throw new InvalidSeedException("expYear", "is required");
			}
			CardDetails details;
			try {
				details = TestCards.read(number, expMonth, expYear);
			}
			catch (PortalException ex) {
				throw new InvalidSeedException("number", ex.getMessage());
			}
			if (details.behavior().attachDecline() != null) {
				throw new InvalidSeedException("number", "a card that is declined when saved cannot be seeded");
			}
		}

		CardDetails details() {
			return TestCards.read(this.number, Objects.requireNonNull(this.expMonth),
					Objects.requireNonNull(this.expYear));
		}

	}

	/**
	 * A subscription, made consistent with its history when seeded: created
	 * {@code startedDaysAgo} days ago, an invoice paid for every period so far, and the
	 * current period containing now.
	 *
	 * @param id the subscription id; generated ({@code sub_...}) when left out
	 * @param priceId the price it bills
	 * @param status {@code active}, {@code trialing}, {@code past_due}, {@code unpaid},
	 * {@code paused} or {@code canceled}; defaults to {@code trialing} when
	 * {@code trialDaysLeft} is set, else {@code active}
	 * @param startedDaysAgo how many days ago it started (the trial, when trialing);
	 * defaults to 0
	 * @param quantity how many of the price; defaults to 1
	 * @param cancelAtPeriodEnd whether it ends at the end of the current period; defaults
	 * to {@code false}
	 * @param trialDaysLeft days until the trial ends; required for {@code trialing}
	 * @param resumesInDays for {@code paused}: days until it resumes by itself; paused
	 * until resumed when left out
	 * @param endedDaysAgo for {@code canceled}: days since it ended; defaults to the end of
	 * its last full period, or now
	 */
	public record Subscription(@Nullable String id, String priceId, @Nullable String status,
			@Nullable Integer startedDaysAgo, @Nullable Integer quantity, @Nullable Boolean cancelAtPeriodEnd,
			@Nullable Integer trialDaysLeft, @Nullable Integer resumesInDays, @Nullable Integer endedDaysAgo) {

		private static final Set<String> STATUSES = Set.of("active", "trialing", "past_due", "unpaid", "paused",
				"canceled");

		public Subscription {
			require(priceId, "priceId");
			status = (status != null) ? status.trim().toLowerCase(Locale.ROOT)
					: (trialDaysLeft != null) ? "trialing" : "active";
			if (!STATUSES.contains(status)) {
				throw new InvalidSeedException("status",
						"'" + status + "' is not one of active, trialing, past_due, unpaid, paused, canceled");
			}
			startedDaysAgo = atLeast(startedDaysAgo, 0, 0, "startedDaysAgo");
			quantity = atLeast(quantity, 1, 1, "quantity");
			cancelAtPeriodEnd = (cancelAtPeriodEnd != null) ? cancelAtPeriodEnd : Boolean.FALSE;
			if ("trialing".equals(status)) {
				if (trialDaysLeft == null) {
					throw new InvalidSeedException("trialDaysLeft", "is required when status is trialing");
				}
				atLeast(trialDaysLeft, 1, 1, "trialDaysLeft");
			}
			else if (trialDaysLeft != null) {
				throw new InvalidSeedException("trialDaysLeft", "is only for status trialing, not " + status);
			}
			if (resumesInDays != null) {
				if (!"paused".equals(status)) {
					throw new InvalidSeedException("resumesInDays", "is only for status paused, not " + status);
				}
				atLeast(resumesInDays, 1, 1, "resumesInDays");
			}
			if (endedDaysAgo != null) {
				if (!"canceled".equals(status)) {
					throw new InvalidSeedException("endedDaysAgo", "is only for status canceled, not " + status);
				}
				if (endedDaysAgo < 0 || endedDaysAgo > startedDaysAgo) {
					throw new InvalidSeedException("endedDaysAgo",
							"must be between 0 and startedDaysAgo (" + startedDaysAgo + "), was " + endedDaysAgo);
				}
			}
			if (cancelAtPeriodEnd && "canceled".equals(status)) {
				throw new InvalidSeedException("cancelAtPeriodEnd", "cannot be set on a canceled subscription");
			}
		}

	}

}
