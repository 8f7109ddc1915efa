package io.recurportal.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.ProviderIds;
import io.recurportal.customer.AmountDue;
import io.recurportal.customer.PaymentMethodUpdates;
import io.recurportal.customer.SavedPaymentMethod;
import io.recurportal.customer.SavedPaymentMethods;
import io.recurportal.session.ReturnUrlPolicy;

/**
 * The customer's saved payment methods: list them, add one on the provider's page, make
 * one the default, remove one, and pay an on-hold subscription with one. Every action
 * needs an owner and the {@code payment-method-update} feature.
 */
@RestController
@RequestMapping("${recur.portal.api.path:/api/subscriptions}")
public class PaymentMethodsController {

	private final SavedPaymentMethods methods;

	private final PaymentMethodUpdates updates;

	private final ReturnUrlPolicy returnUrls;

	public PaymentMethodsController(SavedPaymentMethods methods, PaymentMethodUpdates updates,
			ReturnUrlPolicy returnUrls) {
		this.methods = methods;
		this.updates = updates;
		this.returnUrls = returnUrls;
	}

	@GetMapping("/payment-methods")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	Map<String, List<PaymentMethodView>> list(PortalCaller caller) {
		return data(this.methods.list(caller));
	}

	@PostMapping("/payment-methods")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	CheckoutController.Session add(PortalCaller caller, @Valid @RequestBody AddRequest request,
			@RequestHeader(name = ApiIds.IDEMPOTENCY_KEY_HEADER, required = false) @Nullable @Pattern(
					regexp = ApiIds.IDEMPOTENCY_KEY_PATTERN) String key) {
		String successUrl = this.returnUrls.check(request.successUrl());
		String cancelUrl = this.returnUrls.check(request.cancelUrl());
		CheckoutSession session = this.updates.start(caller, successUrl, cancelUrl,
				(key != null) ? key : UUID.randomUUID().toString());
		return new CheckoutController.Session(session.id(), session.url());
	}

	@PostMapping("/payment-methods/checkout-session-sync")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	Added added(PortalCaller caller, @Valid @RequestBody CheckoutController.SyncRequest request) {
		PaymentMethodUpdates.Outcome outcome = this.updates.complete(caller, request.sessionId());
		return new Added(outcome.name().toLowerCase(Locale.ROOT), views(this.methods.list(caller)));
	}

	@PostMapping("/payment-methods/{id}/default")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	Map<String, List<PaymentMethodView>> makeDefault(PortalCaller caller,
			@PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestHeader(name = ApiIds.IDEMPOTENCY_KEY_HEADER, required = false) @Nullable @Pattern(
					regexp = ApiIds.IDEMPOTENCY_KEY_PATTERN) String key) {
		return data(this.methods.makeDefault(caller, id, key));
	}

	@DeleteMapping("/payment-methods/{id}")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	Map<String, List<PaymentMethodView>> delete(PortalCaller caller,
			@PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id) {
		return data(this.methods.remove(caller, id, null));
	}

	// For clients that cannot send DELETE.
	@PostMapping("/payment-methods/{id}/remove")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	Map<String, List<PaymentMethodView>> remove(PortalCaller caller,
			@PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id) {
		return data(this.methods.remove(caller, id, null));
	}

	@GetMapping("/{id}/pay")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	Due due(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id) {
		AmountDue due = this.methods.amountDue(caller, id);
		return new Due(id, due.amount(), due.currency(), due.invoices().stream().map(Invoice::id).toList());
	}

	@PostMapping("/{id}/pay")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	SubscriptionView pay(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@Valid @RequestBody PayRequest request, @RequestHeader(name = ApiIds.IDEMPOTENCY_KEY_HEADER,
					required = false) @Nullable @Pattern(regexp = ApiIds.IDEMPOTENCY_KEY_PATTERN) String key) {
		return SubscriptionView.of(this.methods.pay(caller, id, request.paymentMethodId(), key));
	}

	private static Map<String, List<PaymentMethodView>> data(List<SavedPaymentMethod> methods) {
		return Map.of("data", views(methods));
	}

	private static List<PaymentMethodView> views(List<SavedPaymentMethod> methods) {
		return methods.stream().map(PaymentMethodView::of).toList();
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record AddRequest(@NotBlank @Size(max = 2048) String successUrl, @NotBlank @Size(max = 2048) String cancelUrl) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record PayRequest(@NotBlank @Pattern(regexp = ProviderIds.PATTERN) String paymentMethodId) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Added(String outcome, List<PaymentMethodView> data) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Due(String subscriptionId, long amountDue, String currency, List<String> invoiceIds) {

	}

}
