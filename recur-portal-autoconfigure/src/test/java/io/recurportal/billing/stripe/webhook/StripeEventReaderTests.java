package io.recurportal.billing.stripe.webhook;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.BillingEventType;
import io.recurportal.billing.BillingEvent;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StripeEventReaderTests {

	private final StripeEventReader reader = new StripeEventReader();

	static String event(String id, String type, long created, String object) {
		return """
				{"id": "%s", "object": "event", "api_version": "2025-09-30.clover", "type": "%s", "created": %d,
				 "livemode": false, "data": {"object": %s}}""".formatted(id, type, created, object);
	}

	@Test
	void readWhenSubscriptionEventThenIdsAndTime() {
		BillingEvent event = this.reader.read(event("evt_1", "customer.subscription.updated", 1772366400,
				"{\"id\": \"sub_1\", \"object\": \"subscription\", \"customer\": \"cus_1\", \"metadata\": {}}"));
		assertThat(event).isEqualTo(new BillingEvent("evt_1", BillingEventType.SUBSCRIPTION_UPDATED,
				"customer.subscription.updated",
				Instant.ofEpochSecond(1772366400), "cus_1", "sub_1", null, null));
	}

	// Stripe's names of the handled types map to the portal's; any other is acknowledged and ignored.
	@Test
	void readThenOnlyTheListedTypesAreHandled() {
		assertThat(this.reader.read(event("evt_1", "customer.subscription.paused", 1, "{}")).type())
			.isEqualTo(BillingEventType.SUBSCRIPTION_PAUSED);
		assertThat(this.reader.read(event("evt_1", "payment_method.detached", 1, "{}")).type())
			.isEqualTo(BillingEventType.PAYMENT_METHOD_DETACHED);
		BillingEvent refund = this.reader.read(event("evt_1", "charge.refunded", 1, "{}"));
		assertThat(refund.type()).isNull();
		assertThat(refund.name()).isEqualTo("charge.refunded");
	}

	@Test
	void readWhenSubscriptionNamesItsAccountThenAccountId() {
		BillingEvent event = this.reader.read(event("evt_1", "customer.subscription.created", 1,
				"{\"id\": \"sub_1\", \"object\": \"subscription\", \"customer\": \"cus_1\","
						+ " \"metadata\": {\"recur_account_id\": \"acc_1\"}}"));
		assertThat(event.accountId()).isEqualTo("acc_1");
	}

	@Test
	void readWhenInvoiceThenSubscriptionFromItsParent() {
		BillingEvent event = this.reader.read(event("evt_1", "invoice.paid", 1,
				"{\"id\": \"in_1\", \"object\": \"invoice\", \"customer\": \"cus_1\", \"parent\":"
						+ " {\"type\": \"subscription_details\","
						+ " \"subscription_details\": {\"subscription\": \"sub_1\"}}}"));
		assertThat(event.invoiceId()).isEqualTo("in_1");
		assertThat(event.subscriptionId()).isEqualTo("sub_1");
		assertThat(event.customerId()).isEqualTo("cus_1");
		assertThat(event.accountId()).isNull();
	}

	@Test
	void readWhenCustomerExpandedThenItsId() {
		BillingEvent event = this.reader.read(event("evt_1", "checkout.session.completed", 1,
				"{\"id\": \"cs_1\", \"object\": \"checkout.session\", \"customer\": {\"id\": \"cus_1\"},"
						+ " \"subscription\": \"sub_1\"}"));
		assertThat(event.customerId()).isEqualTo("cus_1");
		assertThat(event.subscriptionId()).isEqualTo("sub_1");
		assertThat(event.invoiceId()).isNull();
	}

	@Test
	void readWhenCustomerEventThenCustomerAndAccountFromMetadata() {
		BillingEvent event = this.reader.read(event("evt_1", "customer.updated", 1,
				"{\"id\": \"cus_1\", \"object\": \"customer\", \"metadata\": {\"recur_account_id\": \"acc_1\"}}"));
		assertThat(event.customerId()).isEqualTo("cus_1");
		assertThat(event.accountId()).isEqualTo("acc_1");
	}

	@Test
	void readWhenPaymentMethodDetachedThenCustomerFromPreviousAttributes() {
		String payload = """
				{"id": "evt_1", "type": "payment_method.detached", "created": 1, "data": {
				 "object": {"id": "pm_1", "object": "payment_method", "customer": null},
				 "previous_attributes": {"customer": "cus_1"}}}""";
		assertThat(this.reader.read(payload).customerId()).isEqualTo("cus_1");
	}

	@Test
	void readWhenNotJsonThenInvalidRequest() {
		assertInvalid("{\"id\": ");
		assertInvalid("not json");
	}

	@Test
	void readWhenNotAnEventThenInvalidRequest() {
		assertInvalid("{}");
		assertInvalid("[1, 2]");
		assertInvalid("{\"id\": \"evt_1\", \"type\": \"invoice.paid\"}");
		assertInvalid("{\"id\": \"evt_1\", \"type\": \"invoice.paid\", \"created\": \"yesterday\"}");
		assertInvalid("{\"id\": 7, \"type\": \"invoice.paid\", \"created\": 1}");
	}

	@Test
	void readWhenAnIdIsTooLongOrMalformedThenInvalidRequest() {
		String tooLong = "x".repeat(256);
		assertInvalid(event("evt_" + tooLong, "invoice.paid", 1, "{\"id\": \"in_1\", \"object\": \"invoice\"}"));
		assertInvalid(event("evt 1'", "invoice.paid", 1, "{\"id\": \"in_1\", \"object\": \"invoice\"}"));
		assertInvalid(event("evt_1", "x." + tooLong, 1, "{}"));
		assertInvalid(event("evt_1", "invoice.paid", 1, "{\"id\": \"in_" + tooLong + "\", \"object\": \"invoice\"}"));
		assertInvalid(event("evt_1", "invoice.paid", 1,
				"{\"id\": \"in_1\", \"object\": \"invoice\", \"subscription\": \"sub_" + tooLong + "\"}"));
		assertInvalid(event("evt_1", "customer.subscription.updated", 1,
				"{\"id\": \"sub_" + tooLong + "\", \"object\": \"subscription\", \"customer\": \"cus_1\"}"));
		assertInvalid(event("evt_1", "customer.subscription.updated", 1,
				"{\"id\": \"sub_1\", \"object\": \"subscription\", \"customer\": \"cus_" + tooLong + "\"}"));
		assertInvalid(event("evt_1", "customer.subscription.updated", 1,
				"{\"id\": \"sub_1\", \"object\": \"subscription\", \"customer\": \"cus_1\", "
						+ "\"metadata\": {\"recur_account_id\": \"" + tooLong + "\"}}"));
		assertInvalid(event("evt_1", "payment_method.attached", 1,
				"{\"id\": \"pm_" + tooLong + "\", \"object\": \"payment_method\", \"customer\": \"cus_1\"}"));
		assertInvalid(event("evt_1", "customer.updated", 1, "{\"id\": \"cus_1\\n\", \"object\": \"customer\"}"));
		// At the limit is still an id.
		String longest = "evt_" + "x".repeat(251);
		assertThat(this.reader.read(event(longest, "invoice.paid", 1, "{\"id\": \"in_1\", \"object\": \"invoice\"}"))
			.id()).isEqualTo(longest);
	}

	private void assertInvalid(String payload) {
		PortalException ex = catchThrowableOfType(PortalException.class, () -> this.reader.read(payload));
		assertThat(ex).as(payload).isNotNull();
		assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.INVALID_REQUEST);
	}

}
