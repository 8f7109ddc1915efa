package io.recurportal.billing.stripe.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.recurportal.billing.BillingEvent;
import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.ProviderIds;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Reads a Stripe event's JSON into a {@link BillingEvent}: its id, type and time, and
 * the ids of what it concerns. Only ids are read, which are the same in every API
 * version, so an endpoint on another API version than stripe-java's works too. Stripe's
 * type names stay here: the event carries the {@link BillingEventType} they mean, and
 * Stripe's name only as its label in logs and metrics.
 */
public final class StripeEventReader {

	// Stripe's names of the events the portal handles; any other is acknowledged and ignored.
	private static final Map<String, BillingEventType> TYPES = Map.ofEntries(
			Map.entry("customer.subscription.created", BillingEventType.SUBSCRIPTION_CREATED),
			Map.entry("customer.subscription.updated", BillingEventType.SUBSCRIPTION_UPDATED),
			Map.entry("customer.subscription.deleted", BillingEventType.SUBSCRIPTION_DELETED),
			Map.entry("customer.subscription.paused", BillingEventType.SUBSCRIPTION_PAUSED),
			Map.entry("customer.subscription.resumed", BillingEventType.SUBSCRIPTION_RESUMED),
			Map.entry("invoice.paid", BillingEventType.INVOICE_PAID),
			Map.entry("invoice.payment_failed", BillingEventType.INVOICE_PAYMENT_FAILED),
			Map.entry("invoice.finalized", BillingEventType.INVOICE_FINALIZED),
			Map.entry("customer.updated", BillingEventType.CUSTOMER_UPDATED),
			Map.entry("payment_method.attached", BillingEventType.PAYMENT_METHOD_ATTACHED),
			Map.entry("payment_method.detached", BillingEventType.PAYMENT_METHOD_DETACHED),
			Map.entry("checkout.session.completed", BillingEventType.CHECKOUT_COMPLETED));

	/** Customer (and subscription) metadata holding the host's account id. */
	static final String ACCOUNT_ID_METADATA = "recur_account_id";

	private static final int MAX_ID_LENGTH = 255;

	// The event_type column's width.
	private static final int MAX_TYPE_LENGTH = 100;

	private static final Pattern ID = Pattern.compile(ProviderIds.PATTERN);

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	/**
	 * Reads an event.
	 * @param payload the request body
	 * @return the event
	 * @throws PortalException {@code invalid_request} when the payload is not an event
	 */
	public BillingEvent read(String payload) {
		JsonNode event;
		try {
			event = jsonMapper.readTree(payload);
		}
		catch (JacksonException ex) {
			throw invalid("The payload is not JSON.");
		}
		String id = text(event, "id");
		String type = text(event, "type");
		JsonNode created = event.path("created");
		if (id == null || type == null || !created.canConvertToLong()) {
			throw invalid("The payload is not a Stripe event: it needs an id, a type and a created time.");
		}
		checkId("event id", id);
		if (type.length() > MAX_TYPE_LENGTH) {
			throw invalid("The event type is longer than " + MAX_TYPE_LENGTH + " characters: " + shorten(type));
		}
		JsonNode object = event.path("data").path("object");
		String objectType = text(object, "object");
		String objectId = text(object, "id");
		String customerId = customerId(event, object, objectType, objectId);
		String subscriptionId = subscriptionId(object, objectType, objectId);
		String invoiceId = "invoice".equals(objectType) ? objectId : null;
		String paymentMethodId = "payment_method".equals(objectType) ? objectId : null;
		String accountId = accountId(object, objectType);
		checkId("customer id", customerId);
		checkId("subscription id", subscriptionId);
		checkId("invoice id", invoiceId);
		checkId("payment method id", paymentMethodId);
		if (accountId != null && accountId.length() > MAX_ID_LENGTH) {
			throw invalid("The account id in the metadata is longer than " + MAX_ID_LENGTH + " characters.");
		}
		return new BillingEvent(id, TYPES.get(type), type, Instant.ofEpochSecond(created.asLong()), customerId,
				subscriptionId, invoiceId, accountId, paymentMethodId);
	}

	// The ids are stored in columns of 255 characters: a longer one would fail there, as a
	// 500 Stripe retries forever. Stripe's ids are short and of letters, digits and '_'.
	private static void checkId(String what, @Nullable String id) {
		if (id != null && !ID.matcher(id).matches()) {
			throw invalid("The " + what + " is not a Stripe id: " + shorten(id));
		}
	}

	// Enough to recognise it in the log, never the whole sender-chosen text.
	private static String shorten(String text) {
		String start = (text.length() > 40) ? text.substring(0, 40) + "...(" + text.length() + " characters)" : text;
		return start.replaceAll("[^\\x20-\\x7e]", "?");
	}

	private static @Nullable String customerId(JsonNode event, JsonNode object, @Nullable String objectType,
			@Nullable String objectId) {
		if ("customer".equals(objectType)) {
			return objectId;
		}
		String customerId = idOf(object.path("customer"));
		if (customerId == null) {
			// A detached payment method no longer names its customer; the previous state does.
			customerId = idOf(event.path("data").path("previous_attributes").path("customer"));
		}
		return customerId;
	}

	private static @Nullable String subscriptionId(JsonNode object, @Nullable String objectType,
			@Nullable String objectId) {
		if ("subscription".equals(objectType)) {
			return objectId;
		}
		String subscriptionId = idOf(object.path("subscription"));
		if (subscriptionId == null) {
			// Invoices of current API versions name it under their parent.
			subscriptionId = idOf(object.path("parent").path("subscription_details").path("subscription"));
		}
		return subscriptionId;
	}

	private static @Nullable String accountId(JsonNode object, @Nullable String objectType) {
		if (!"customer".equals(objectType) && !"subscription".equals(objectType)) {
			return null;
		}
		String accountId = text(object.path("metadata"), ACCOUNT_ID_METADATA);
		return (accountId != null && !accountId.isBlank()) ? accountId : null;
	}

	// An id, or an expanded object with one.
	private static @Nullable String idOf(JsonNode node) {
		if (node.isString()) {
			return node.asString();
		}
		return node.isObject() ? text(node, "id") : null;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.asString() : null;
	}

	private static PortalException invalid(String message) {
		return new PortalException(PortalErrorCode.INVALID_REQUEST, message);
	}

}
