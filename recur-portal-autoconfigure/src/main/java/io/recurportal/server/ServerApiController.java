package io.recurportal.server;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Product;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.session.CreatedPortalSession;
import io.recurportal.session.PortalLinks;
import io.recurportal.session.PortalSession;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;

/**
 * Recur's server API on the host's own application: create and read portal sessions,
 * read a customer's entitlements. JSON in Recur's camelCase; snake_case names are
 * accepted too.
 */
@RestController
@PortalEndpoint.Public("ServerApiKeyFilter authenticates every request by a portal secret key.")
public class ServerApiController {

	private final PortalSessions sessions;

	private final BillingGateway gateway;

	public ServerApiController(PortalSessions sessions, BillingGateway gateway) {
		this.sessions = sessions;
		this.gateway = gateway;
	}

	@PostMapping("${recur.portal.api.server-path:/v1}/portal/sessions")
	Map<String, @Nullable Object> create(@Valid @RequestBody(required = false) @Nullable CreateRequest request) {
		CreateRequest body = (request != null) ? request : new CreateRequest(null, null, null, null, null, null, null);
		CreatedPortalSession created = this.sessions.create(new PortalSessionRequest(body.customerId(),
				body.externalId(), body.email(), body.returnUrl(), body.configurationId(), body.locale(),
				(body.expiresIn() != null) ? Duration.ofSeconds(body.expiresIn()) : null, true));
		return view(created.session(), created.url());
	}

	@GetMapping("${recur.portal.api.server-path:/v1}/portal/sessions/{id}")
	Map<String, @Nullable Object> find(@PathVariable String id) {
		PortalSession session = this.sessions.find(id)
			.orElseThrow(() -> new PortalException(PortalErrorCode.NOT_FOUND, "No such portal session."));
		return view(session, null);
	}

	@GetMapping("${recur.portal.api.server-path:/v1}/customers/entitlements")
	Map<String, @Nullable Object> entitlements(
			@RequestParam(name = "customer_id", required = false) @Nullable String customerId,
			@RequestParam(name = "external_id", required = false) @Nullable String externalId,
			@RequestParam(name = "email", required = false) @Nullable String email) {
		Customer customer = this.sessions.requireCustomer(customerId, externalId, email);
		List<Subscription> subscriptions = this.gateway.listSubscriptions(customer.id());
		List<Map<String, String>> entitlements = subscriptions.stream()
			.filter((subscription) -> subscription.status().isEntitled())
			.map((subscription) -> Map.of("product", slug(subscription.price().product()), "product_id",
					subscription.price().product().id(), "status", subscription.status().value(), "subscription_id",
					subscription.id()))
			.toList();
		Optional<Subscription> primary = subscriptions.stream()
			.filter((subscription) -> !subscription.status().isTerminal())
			.findFirst();
		Map<String, @Nullable Object> answer = new LinkedHashMap<>();
		answer.put("entitlements", entitlements);
		answer.put("subscription", primary.map(ServerApiController::subscriptionView).orElse(null));
		return answer;
	}

	private Map<String, @Nullable Object> view(PortalSession session, @Nullable String url) {
		Instant now = this.sessions.now();
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		view.put("id", session.id());
		view.put("object", "portal.session");
		view.put("url", (url != null) ? new SessionUrl(url) : null);
		view.put("customer", session.customerId());
		view.put("customerId", session.customerId());
		view.put("returnUrl", session.returnUrl());
		view.put("configurationId", session.configurationId());
		view.put("locale", session.locale());
		view.put("status", session.isActive(now) ? "active" : "expired");
		view.put("expiresAt", session.expiresAt().toString());
		view.put("accessedAt", (session.accessedAt() != null) ? session.accessedAt().toString() : null);
		view.put("createdAt", session.createdAt().toString());
		return view;
	}

	private static Map<String, @Nullable Object> subscriptionView(Subscription subscription) {
		Product product = subscription.price().product();
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		view.put("id", subscription.id());
		view.put("status", subscription.status().value());
		view.put("product", Map.of("id", product.id(), "slug", slug(product), "name", product.name()));
		view.put("current_period_end", subscription.currentPeriodEnd().toString());
		return view;
	}

	// Recur names products by slug; a product may set its own in metadata.
	private static String slug(Product product) {
		String slug = product.metadata().get("slug");
		return (slug != null) ? slug
				: product.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CreateRequest(@JsonAlias({ "customer", "customer_id" }) @Nullable @Size(max = 255) String customerId,
			@JsonAlias("external_id") @Nullable @Size(max = 255) String externalId, @Nullable @Size(max = 320) String email,
			@JsonAlias("return_url") @Nullable @Size(max = 2048) String returnUrl,
			@JsonAlias({ "configuration", "configuration_id" }) @Nullable @Size(max = 64) String configurationId,
			@Nullable @Size(max = 35) String locale,
			@JsonAlias("expires_in") @Nullable @Min(1) @Max(86400) Long expiresIn) {

	}

	/**
	 * The link of a new session: written whole to JSON, but without its token where
	 * Spring MVC logs the answer (by {@code toString()}, in part at DEBUG, in full at
	 * TRACE).
	 */
	record SessionUrl(@JsonValue String value) {

		@Override
		public String toString() {
			return PortalLinks.redact(this.value);
		}

	}

}
