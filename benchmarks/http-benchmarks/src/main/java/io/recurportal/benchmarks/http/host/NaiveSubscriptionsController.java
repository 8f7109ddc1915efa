package io.recurportal.benchmarks.http.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.stripe.StripeClient;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.SubscriptionListParams;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The naive integration of seed 003: the host's controller asks Stripe on every view.
 * It finds the token's account's customer ({@code GET /v1/customers/search}) and lists
 * its subscriptions ({@code GET /v1/subscriptions}): two calls a view, the least such a
 * controller can do (it shows product ids, not names, to save the products call).
 */
@RestController
class NaiveSubscriptionsController {

	private final StripeClient stripe;

	NaiveSubscriptionsController(StripeClient naiveStripeClient) {
		this.stripe = naiveStripeClient;
	}

	@GetMapping("/bench/naive/subscriptions")
	Map<String, Object> list(@AuthenticationPrincipal Jwt jwt) throws StripeException {
		String account = jwt.getClaimAsString("acc");
		List<Customer> customers = this.stripe.v1()
			.customers()
			.search(CustomerSearchParams.builder()
				.setQuery("metadata['recur_account_id']:'" + account.replace("'", "\\'") + "'")
				.build())
			.getData();
		if (customers.isEmpty()) {
			return Map.of("data", List.of());
		}
		List<Map<String, Object>> subscriptions = this.stripe.v1()
			.subscriptions()
			.list(SubscriptionListParams.builder()
				.setCustomer(customers.get(0).getId())
				.setStatus(SubscriptionListParams.Status.ALL)
				.build())
			.getData()
			.stream()
			.map(NaiveSubscriptionsController::view)
			.toList();
		return Map.of("data", subscriptions);
	}

	private static Map<String, Object> view(Subscription subscription) {
		SubscriptionItem item = subscription.getItems().getData().get(0);
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", subscription.getId());
		view.put("status", subscription.getStatus());
		view.put("price_id", item.getPrice().getId());
		view.put("product_id", item.getPrice().getProduct());
		view.put("unit_amount", item.getPrice().getUnitAmount());
		view.put("current_period_end", item.getCurrentPeriodEnd());
		view.put("cancel_at_period_end", subscription.getCancelAtPeriodEnd());
		return view;
	}

	@ExceptionHandler(RateLimitException.class)
	ResponseEntity<Map<String, String>> rateLimited(RateLimitException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "rate_limited"));
	}

	@ExceptionHandler(StripeException.class)
	ResponseEntity<Map<String, String>> failed(StripeException ex) {
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", "stripe_error"));
	}

}
