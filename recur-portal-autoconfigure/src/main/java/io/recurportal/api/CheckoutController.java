package io.recurportal.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.ProviderIds;
import io.recurportal.subscription.SubscriptionCheckout;

/**
 * Starting a subscription on the provider's checkout page, and recording what it made.
 */
@RestController
@RequestMapping("${recur.portal.api.path:/api/subscriptions}/stripe")
public class CheckoutController {

	private final SubscriptionCheckout checkout;

	public CheckoutController(SubscriptionCheckout checkout) {
		this.checkout = checkout;
	}

	@PostMapping("/checkout-session")
	@PortalEndpoint(PortalAction.START_CHECKOUT)
	Session start(PortalCaller caller, @Valid @RequestBody StartRequest request,
			@RequestHeader(name = ApiIds.IDEMPOTENCY_KEY_HEADER, required = false) @Nullable @Pattern(
					regexp = ApiIds.IDEMPOTENCY_KEY_PATTERN) String key) {
		CheckoutSession session = this.checkout.start(caller, request.priceId(), request.successUrl(),
				request.cancelUrl(), key);
		return new Session(session.id(), session.url());
	}

	@PostMapping("/checkout-session-sync")
	@PortalEndpoint(PortalAction.COMPLETE_CHECKOUT)
	SubscriptionView complete(PortalCaller caller, @Valid @RequestBody SyncRequest request) {
		return SubscriptionView.of(this.checkout.complete(caller, request.sessionId()));
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record StartRequest(@NotBlank @Pattern(regexp = ProviderIds.PATTERN) String priceId,
			@NotBlank @Size(max = 2048) String successUrl, @NotBlank @Size(max = 2048) String cancelUrl) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record SyncRequest(@NotBlank @Pattern(regexp = ProviderIds.PATTERN) String sessionId) {

	}

	record Session(String id, @Nullable String url) {

	}

}
