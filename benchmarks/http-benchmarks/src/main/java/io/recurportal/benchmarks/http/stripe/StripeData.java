package io.recurportal.benchmarks.http.stripe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The accounts the fake Stripe knows, as Stripe-shaped JSON rendered once up front so
 * that answering costs no serialization: for account {@code i}, the customer
 * {@code cus_bench<i>} (metadata {@code recur_account_id=acct-<i>}, default card
 * {@code pm_bench<i>}), one active subscription {@code sub_bench<i>}, three paid
 * invoices and the card. The shapes are those of the Stripe gateway's test fixtures
 * (stripe-java's pinned API version).
 * <p>
 * As on Stripe, a listed subscription's price names its product by id only: a list
 * cannot expand {@code data.items.data.price.product} (five levels), so a reader that
 * wants product names asks {@code GET /v1/products?ids[]=} for them.
 */
public final class StripeData {

	/** Invoices each customer has. */
	public static final int INVOICES_PER_CUSTOMER = 3;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final int accounts;

	private final Map<String, String> customersById = new HashMap<>();

	// The same customers with invoice_settings.default_payment_method expanded, as Stripe
	// answers when asked to.
	private final Map<String, String> expandedCustomersById = new HashMap<>();

	private final Map<String, String> customerIdsByAccount = new HashMap<>();

	private final Map<String, String> subscriptionListsByCustomer = new HashMap<>();

	private final Map<String, String> invoiceListsByCustomer = new HashMap<>();

	private final Map<String, String> paymentMethodsById = new HashMap<>();

	private final Map<String, String> productsById = new HashMap<>();

	private StripeData(int accounts) {
		this.accounts = accounts;
	}

	/**
	 * Data for accounts {@code acct-0} to {@code acct-<accounts-1>}.
	 * @param accounts how many accounts
	 * @return the data
	 */
	public static StripeData generate(int accounts) {
		StripeData data = new StripeData(accounts);
		ObjectNode customerTemplate = fixture("customer");
		ObjectNode subscriptionTemplate = fixture("subscription");
		ObjectNode invoiceTemplate = fixture("invoice");
		ObjectNode paymentMethodTemplate = fixture("payment-method");
		ObjectNode product = fixture("product");
		data.productsById.put(product.get("id").asString(), json.writeValueAsString(product));
		for (int i = 0; i < accounts; i++) {
			String account = accountId(i);
			String customerId = String.format("cus_bench%04d", i);
			String paymentMethodId = String.format("pm_bench%04d", i);
			String subscriptionId = String.format("sub_bench%04d", i);

			ObjectNode customer = customerTemplate.deepCopy();
			customer.put("id", customerId);
			customer.put("email", "billing+" + i + "@example.com");
			customer.put("name", "Bench Customer " + i);
			((ObjectNode) customer.get("metadata")).put("recur_account_id", account);
			((ObjectNode) customer.get("invoice_settings")).put("default_payment_method", paymentMethodId);
			String customerJson = json.writeValueAsString(customer);
			data.customersById.put(customerId, customerJson);
			data.customerIdsByAccount.put(account, customerId);

			ObjectNode paymentMethod = paymentMethodTemplate.deepCopy();
			paymentMethod.put("id", paymentMethodId);
			paymentMethod.put("customer", customerId);
			data.paymentMethodsById.put(paymentMethodId, json.writeValueAsString(paymentMethod));
			ObjectNode expanded = customer.deepCopy();
			((ObjectNode) expanded.get("invoice_settings")).set("default_payment_method", paymentMethod);
			data.expandedCustomersById.put(customerId, json.writeValueAsString(expanded));

			ObjectNode subscription = subscriptionTemplate.deepCopy();
			subscription.put("id", subscriptionId);
			subscription.put("customer", customerId);
			subscription.put("default_payment_method", paymentMethodId);
			subscription.put("latest_invoice", invoiceId(i, 0));
			ObjectNode item = (ObjectNode) subscription.get("items").get("data").get(0);
			item.put("id", String.format("si_bench%04d", i));
			item.put("subscription", subscriptionId);
			ObjectNode price = (ObjectNode) item.get("price");
			price.put("product", price.get("product").get("id").asString());
			data.subscriptionListsByCustomer.put(customerId,
					list("/v1/subscriptions", json.writeValueAsString(subscription)));

			List<String> invoices = new ArrayList<>();
			for (int k = 0; k < INVOICES_PER_CUSTOMER; k++) {
				ObjectNode invoice = invoiceTemplate.deepCopy();
				String invoiceId = invoiceId(i, k);
				long created = invoice.get("created").asLong() - k * 2_592_000L;
				invoice.put("id", invoiceId);
				invoice.put("customer", customerId);
				invoice.put("created", created);
				invoice.put("number", String.format("BENCH%04d-%04d", i, INVOICES_PER_CUSTOMER - k));
				((ObjectNode) invoice.get("parent").get("subscription_details")).put("subscription", subscriptionId);
				ObjectNode line = (ObjectNode) invoice.get("lines").get("data").get(0);
				line.put("invoice", invoiceId);
				((ObjectNode) line.get("parent").get("subscription_item_details")).put("subscription",
						subscriptionId);
				invoices.add(json.writeValueAsString(invoice));
			}
			data.invoiceListsByCustomer.put(customerId, list("/v1/invoices", invoices.toArray(String[]::new)));
		}
		return data;
	}

	/**
	 * The host's account id of account {@code i}.
	 * @param i the account's number
	 * @return {@code acct-<i>}
	 */
	public static String accountId(int i) {
		return "acct-" + i;
	}

	private static String invoiceId(int account, int k) {
		return String.format("in_bench%04d_%d", account, k);
	}

	public int accounts() {
		return this.accounts;
	}

	String customer(String id) {
		return this.customersById.get(id);
	}

	String customer(String id, boolean defaultPaymentMethodExpanded) {
		return defaultPaymentMethodExpanded ? this.expandedCustomersById.get(id) : this.customersById.get(id);
	}

	String customerIdOfAccount(String account) {
		return this.customerIdsByAccount.get(account);
	}

	String subscriptionList(String customerId) {
		return this.subscriptionListsByCustomer.get(customerId);
	}

	String invoiceList(String customerId) {
		return this.invoiceListsByCustomer.get(customerId);
	}

	String paymentMethod(String id) {
		return this.paymentMethodsById.get(id);
	}

	String product(String id) {
		return this.productsById.get(id);
	}

	static String list(String url, String... objects) {
		return "{\"object\":\"list\",\"url\":\"" + url + "\",\"has_more\":false,\"data\":[" + String.join(",", objects)
				+ "]}";
	}

	static String searchResult(String url, String... objects) {
		return "{\"object\":\"search_result\",\"url\":\"" + url + "\",\"has_more\":false,\"next_page\":null,"
				+ "\"data\":[" + String.join(",", objects) + "]}";
	}

	private static ObjectNode fixture(String name) {
		try (InputStream in = StripeData.class.getResourceAsStream("/stripe/" + name + ".json")) {
			if (in == null) {
				throw new IllegalStateException("Missing fixture /stripe/" + name + ".json");
			}
			return (ObjectNode) json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
