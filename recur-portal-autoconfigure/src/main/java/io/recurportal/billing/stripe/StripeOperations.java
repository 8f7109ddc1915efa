package io.recurportal.billing.stripe;

import java.net.URL;
import java.util.regex.Pattern;

/**
 * Names a Stripe request for metrics: its method and path with object ids replaced, so
 * {@code GET /v1/customers/cus_123} and {@code GET /v1/customers/cus_456} count as one
 * operation, {@code GET /v1/customers/{id}}.
 */
final class StripeOperations {

	// Stripe's object ids: a short lower-case prefix and an underscore, then random letters
	// and digits (cus_NffrFeUfNV2Hib, cs_test_a1B2...). A path word such as create_preview
	// or payment_methods has neither digits nor capitals.
	private static final Pattern OBJECT_ID = Pattern.compile("[a-z]{2,8}_[A-Za-z0-9_]*[A-Z0-9][A-Za-z0-9_]*");

	private StripeOperations() {
	}

	static String operation(String method, URL url) {
		StringBuilder operation = new StringBuilder(method).append(' ');
		for (String segment : url.getPath().split("/")) {
			if (segment.isEmpty()) {
				continue;
			}
			operation.append('/').append(OBJECT_ID.matcher(segment).matches() ? "{id}" : segment);
		}
		return operation.toString();
	}

	static String outcome(int status) {
		if (status < 300) {
			return "success";
		}
		if (status == 429) {
			return "rate_limited";
		}
		return (status < 500) ? "client_error" : "server_error";
	}

}
