package io.recurportal.benchmarks.storm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.stripe.Stripe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe-shaped JSON of the storm's objects, made from fixtures in the shapes of
 * Stripe's API reference for stripe-java's pinned API version (nullable fields
 * {@code null}, optional fields absent): renewal {@code i}'s customer
 * {@code cus_storm<i>} (metadata {@code recur_account_id=acct-storm-<i>}), its
 * subscription {@code sub_storm<i>}, the invoice of the period before and the renewal's
 * invoice, and the events Stripe sends about them.
 */
final class StripeObjects {

	/** The product every subscription's price belongs to. */
	static final String PRODUCT_ID = "prod_Pro";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final long PERIOD = 30 * 86_400L;

	private final ObjectNode customer = fixture("customer");

	private final ObjectNode subscription = fixture("subscription");

	private final ObjectNode invoice = fixture("invoice");

	private final ObjectNode paymentMethod = fixture("payment-method");

	static String accountId(int i) {
		return "acct-storm-" + i;
	}

	static String customerId(int i) {
		return "cus_storm" + i;
	}

	static String subscriptionId(int i) {
		return "sub_storm" + i;
	}

	static String paymentMethodId(int i) {
		return "pm_storm" + i;
	}

	/** The invoice of the period before the renewal. */
	static String previousInvoiceId(int i) {
		return "in_storm" + i + "_0";
	}

	static String renewalInvoiceId(int i) {
		return "in_storm" + i + "_1";
	}

	String customer(int i, boolean defaultPaymentMethodExpanded) {
		ObjectNode customer = this.customer.deepCopy();
		customer.put("id", customerId(i));
		customer.put("email", "billing+" + i + "@example.com");
		customer.put("name", "Storm Customer " + i);
		customer.put("invoice_prefix", String.format("STORM%04d", i % 10_000));
		ObjectNode metadata = customer.putObject("metadata");
		metadata.put("recur_account_id", accountId(i));
		ObjectNode settings = (ObjectNode) customer.get("invoice_settings");
		if (defaultPaymentMethodExpanded) {
			settings.set("default_payment_method", paymentMethodNode(i));
		}
		else {
			settings.put("default_payment_method", paymentMethodId(i));
		}
		return json.writeValueAsString(customer);
	}

	String paymentMethod(int i) {
		return json.writeValueAsString(paymentMethodNode(i));
	}

	private ObjectNode paymentMethodNode(int i) {
		ObjectNode paymentMethod = this.paymentMethod.deepCopy();
		paymentMethod.put("id", paymentMethodId(i));
		paymentMethod.put("customer", customerId(i));
		return paymentMethod;
	}

	/**
	 * A subscription in one of its states.
	 * @param i the renewal
	 * @param state what happened to it
	 * @param renewedAt the renewal's time (epoch seconds), the end of the period before
	 * @param productExpanded whether the price's product is expanded
	 */
	String subscription(int i, SubscriptionState state, long renewedAt, boolean productExpanded) {
		return json.writeValueAsString(subscriptionNode(i, state, renewedAt, productExpanded));
	}

	ObjectNode subscriptionNode(int i, SubscriptionState state, long renewedAt, boolean productExpanded) {
		ObjectNode subscription = this.subscription.deepCopy();
		long created = renewedAt - 3 * PERIOD;
		boolean renewed = state != SubscriptionState.BEFORE;
		long periodStart = renewed ? renewedAt : renewedAt - PERIOD;
		long periodEnd = periodStart + PERIOD;
		subscription.put("id", subscriptionId(i));
		subscription.put("customer", customerId(i));
		subscription.put("created", created);
		subscription.put("start_date", created);
		subscription.put("billing_cycle_anchor", created);
		subscription.put("default_payment_method", paymentMethodId(i));
		subscription.put("latest_invoice", renewed ? renewalInvoiceId(i) : previousInvoiceId(i));
		subscription.put("status", (state == SubscriptionState.PAST_DUE) ? "past_due" : "active");
		subscription.putNull("trial_start");
		subscription.putNull("trial_end");
		ObjectNode items = (ObjectNode) subscription.get("items");
		items.put("url", "/v1/subscription_items?subscription=" + subscriptionId(i));
		ObjectNode item = (ObjectNode) items.get("data").get(0);
		item.put("id", "si_storm" + i);
		item.put("subscription", subscriptionId(i));
		item.put("created", created);
		item.put("current_period_start", periodStart);
		item.put("current_period_end", periodEnd);
		if (!productExpanded) {
			ObjectNode price = (ObjectNode) item.get("price");
			price.put("product", PRODUCT_ID);
		}
		return subscription;
	}

	/**
	 * An invoice in one of its states; the one before the renewal is always paid.
	 * @param i the renewal
	 * @param renewal whether it is the renewal's invoice
	 * @param state its state, for the renewal's invoice
	 * @param renewedAt the renewal's time (epoch seconds)
	 */
	String invoice(int i, boolean renewal, InvoiceState state, long renewedAt) {
		return json.writeValueAsString(invoiceNode(i, renewal, state, renewedAt));
	}

	ObjectNode invoiceNode(int i, boolean renewal, InvoiceState state, long renewedAt) {
		ObjectNode invoice = this.invoice.deepCopy();
		String id = renewal ? renewalInvoiceId(i) : previousInvoiceId(i);
		InvoiceState actual = renewal ? state : InvoiceState.PAID;
		long periodEnd = renewal ? renewedAt : renewedAt - 30 * 86_400L;
		long created = periodEnd;
		invoice.put("id", id);
		invoice.put("customer", customerId(i));
		invoice.put("customer_email", "billing+" + i + "@example.com");
		invoice.put("customer_name", "Storm Customer " + i);
		invoice.put("created", created);
		invoice.put("period_start", periodEnd - 30 * 86_400L);
		invoice.put("period_end", periodEnd);
		invoice.put("webhooks_delivered_at", created + 1);
		((ObjectNode) invoice.get("parent").get("subscription_details")).put("subscription", subscriptionId(i));
		ObjectNode lines = (ObjectNode) invoice.get("lines");
		lines.put("url", "/v1/invoices/" + id + "/lines");
		ObjectNode line = (ObjectNode) lines.get("data").get(0);
		line.put("id", "il_" + id);
		line.put("invoice", id);
		((ObjectNode) line.get("parent").get("subscription_item_details")).put("subscription", subscriptionId(i));
		((ObjectNode) line.get("parent").get("subscription_item_details")).put("subscription_item", "si_storm" + i);
		ObjectNode transitions = (ObjectNode) invoice.get("status_transitions");
		long amount = invoice.get("amount_due").asLong();
		switch (actual) {
			case DRAFT -> {
				invoice.put("status", "draft");
				invoice.putNull("number");
				invoice.putNull("hosted_invoice_url");
				invoice.putNull("invoice_pdf");
				invoice.putNull("effective_at");
				invoice.put("attempted", false);
				invoice.put("attempt_count", 0);
				invoice.put("amount_paid", 0);
				invoice.put("amount_remaining", amount);
				invoice.put("auto_advance", true);
				invoice.put("automatically_finalizes_at", created + 3600);
				transitions.putNull("finalized_at");
				transitions.putNull("paid_at");
			}
			case OPEN, PAYMENT_FAILED -> {
				invoice.put("status", "open");
				invoice.put("number", numberOf(i, renewal));
				invoice.put("effective_at", created + 1);
				invoice.put("attempted", actual == InvoiceState.PAYMENT_FAILED);
				invoice.put("attempt_count", (actual == InvoiceState.PAYMENT_FAILED) ? 1 : 0);
				invoice.put("amount_paid", 0);
				invoice.put("amount_remaining", amount);
				invoice.put("auto_advance", true);
				if (actual == InvoiceState.PAYMENT_FAILED) {
					invoice.put("next_payment_attempt", created + 3 * 86_400L);
				}
				transitions.put("finalized_at", created + 1);
				transitions.putNull("paid_at");
			}
			case PAID -> {
				invoice.put("status", "paid");
				invoice.put("number", numberOf(i, renewal));
				invoice.put("effective_at", created + 1);
				invoice.put("amount_paid", amount);
				invoice.put("amount_remaining", 0);
				transitions.put("finalized_at", created + 1);
				transitions.put("paid_at", created + 2);
			}
		}
		return invoice;
	}

	private static String numberOf(int i, boolean renewal) {
		return String.format("STORM%04d-%04d", i % 10_000, renewal ? 2 : 1);
	}

	/**
	 * An event as Stripe sends it to a webhook endpoint.
	 * @param id the event's id
	 * @param type its type
	 * @param created when it happened (epoch seconds)
	 * @param object the object as it was then
	 * @param previousAttributes for {@code *.updated} events, what changed; else {@code null}
	 */
	static String event(String id, String type, long created, JsonNode object, ObjectNode previousAttributes) {
		ObjectNode event = json.createObjectNode();
		event.put("id", id);
		event.put("object", "event");
		event.put("api_version", Stripe.API_VERSION);
		event.put("created", created);
		ObjectNode data = event.putObject("data");
		data.set("object", object);
		if (previousAttributes != null) {
			data.set("previous_attributes", previousAttributes);
		}
		event.put("livemode", false);
		event.put("pending_webhooks", 1);
		ObjectNode request = event.putObject("request");
		request.putNull("id");
		request.putNull("idempotency_key");
		event.put("type", type);
		return json.writeValueAsString(event);
	}

	static ObjectNode object() {
		return json.createObjectNode();
	}

	static JsonNode read(String text) {
		return json.readTree(text);
	}

	private static ObjectNode fixture(String name) {
		try (InputStream in = StripeObjects.class.getResourceAsStream("/stripe/" + name + ".json")) {
			if (in == null) {
				throw new IllegalStateException("Missing fixture /stripe/" + name + ".json");
			}
			return (ObjectNode) json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A subscription's states in a renewal. */
	enum SubscriptionState {

		/** In the period that ends with the renewal. */
		BEFORE,

		/** Renewed into the next period. */
		RENEWED,

		/** Renewed, and the renewal's payment failed. */
		PAST_DUE

	}

	/** The renewal invoice's states. */
	enum InvoiceState {

		DRAFT, OPEN, PAID, PAYMENT_FAILED

	}

}
