package io.recurportal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.Address;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceDocument;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.ProrationPreview;
import io.recurportal.billing.ProviderIds;
import io.recurportal.billing.Subscription;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalFeature;
import io.recurportal.customer.CustomerProfiles;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.invoice.AccountInvoices;
import io.recurportal.invoice.InvoiceDownloads;
import io.recurportal.session.PortalSession;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.PlanChangeTarget;
import io.recurportal.subscription.SubscriptionCheckout;
import io.recurportal.subscription.SubscriptionLifecycle;

/**
 * The portal's overview and the subscription actions customers take there. Every
 * handler declares its action; the access policy has decided before it runs.
 */
@Controller
@RequestMapping("${recur.portal.web.path:/portal}")
public class PortalPagesController {

	private static final Set<String> NOTICES = Set.of("canceled", "cancel_scheduled", "reactivated", "changed",
			"paused", "resumed", "profile_updated", "card_updated", "recovered", "recovery_failed", "card_canceled",
			"subscribed", "checkout_canceled", "offer_accepted");

	private static final String REQUEST_ID = "[A-Za-z0-9-]{1,64}";

	private final PortalPageContext context;

	private final AccountSubscriptions subscriptions;

	private final SubscriptionLifecycle lifecycle;

	private final SubscriptionCheckout checkout;

	private final AccountInvoices invoices;

	private final CustomerProfiles profiles;

	private final BillingGateway gateway;

	private final @Nullable LicenseKeyProvider licenseKeys;

	PortalPagesController(PortalPageContext context, AccountSubscriptions subscriptions, SubscriptionLifecycle lifecycle,
			SubscriptionCheckout checkout, AccountInvoices invoices, CustomerProfiles profiles, BillingGateway gateway,
			@Nullable LicenseKeyProvider licenseKeys) {
		this.context = context;
		this.subscriptions = subscriptions;
		this.lifecycle = lifecycle;
		this.checkout = checkout;
		this.invoices = invoices;
		this.profiles = profiles;
		this.gateway = gateway;
		this.licenseKeys = licenseKeys;
	}

	@GetMapping
	@PortalEndpoint(PortalAction.VIEW_IDENTITY)
	String overview(PortalCaller caller, HttpServletRequest request, HttpServletResponse response, Model model,
			@RequestParam(required = false) @Nullable String notice) {
		PortalSession session = session();
		this.context.prepare(model, request, response, caller, session, null);
		String accountId = caller.account().accountId();
		if (session != null) {
			// Opening the link syncs; when the provider was down then, this page tries again.
			this.subscriptions.ensureSyncedWith(accountId, session.customerId());
		}
		model.addAttribute("notice", (notice != null && NOTICES.contains(notice)) ? notice : null);
		List<Subscription> subscriptions = this.subscriptions.list(accountId);
		model.addAttribute("subscriptions", subscriptions);
		// Nothing live: offer the plans, so the page is never a dead end.
		boolean nothingLive = subscriptions.stream().allMatch((subscription) -> subscription.status().isTerminal());
		boolean plansShown = nothingLive && caller.configuration().allows(PortalFeature.SUBSCRIPTION_VIEW);
		model.addAttribute("plans", plansShown ? this.checkout.plansFor(caller) : List.of());
		model.addAttribute("plansShown", plansShown);
		model.addAttribute("resubscribe", !subscriptions.isEmpty());
		Customer customer = this.profiles.customer(caller);
		model.addAttribute("customer", customer);
		model.addAttribute("addressLine", addressLine(customer.address()));
		model.addAttribute("paymentMethod", defaultPaymentMethod(customer));
		boolean invoicesShown = caller.configuration().allows(PortalFeature.INVOICE_HISTORY);
		boolean onHold = subscriptions.stream().anyMatch(Subscription::isOnHold);
		// The invoices are read only when they are shown or a subscription on hold owes them.
		List<Invoice> invoices = (invoicesShown || onHold) ? this.invoices.list(accountId) : List.of();
		model.addAttribute("invoices", invoicesShown ? invoices : List.of());
		model.addAttribute("onHold", onHold);
		model.addAttribute("amountsDue", amountsDue(invoices));
		// Without a provider the host sells no keys: the section would only ever be empty.
		LicenseKeyProvider keys = this.licenseKeys;
		boolean keysShown = keys != null && caller.configuration().allows(PortalFeature.LICENSE_KEYS);
		model.addAttribute("licenseKeysShown", keysShown);
		model.addAttribute("licenseKeys", (keys != null && keysShown) ? keys.licenseKeys(customer.id(), accountId) : List.of());
		return "recur-portal/overview";
	}

	@GetMapping("/subscriptions/{id}/cancel")
	@PortalEndpoint(PortalAction.CANCEL_SUBSCRIPTION)
	String confirmCancel(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		this.context.prepare(model, request, response, caller, session(), null);
		model.addAttribute("subscription", this.subscriptions.require(caller.account().accountId(), id));
		model.addAttribute("reasons", caller.configuration().cancellation().reasons());
		PortalConfiguration.Cancellation options = caller.configuration().cancellation();
		model.addAttribute("immediately", options.mode() == CancelTiming.IMMEDIATELY);
		model.addAttribute("timingChoice", options.timingChoice());
		model.addAttribute("offer", this.lifecycle.retentionOffer(caller, id).orElse(null));
		return "recur-portal/cancel";
	}

	@PostMapping("/subscriptions/{id}/retention-offer/accept")
	@PortalEndpoint(PortalAction.ACCEPT_RETENTION_OFFER)
	String acceptRetentionOffer(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestParam(name = "request_id") @Pattern(regexp = REQUEST_ID) String requestId) {
		this.lifecycle.acceptRetentionOffer(caller, id, requestId);
		return redirect("offer_accepted");
	}

	@PostMapping("/subscriptions/{id}/cancel")
	@PortalEndpoint(PortalAction.CANCEL_SUBSCRIPTION)
	String cancel(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestParam(required = false) @Nullable @Pattern(regexp = "[a-z_]{1,64}") String reason,
			@RequestParam(required = false) @Nullable String comment,
			@RequestParam(required = false) @Nullable @Pattern(regexp = "period_end|immediately") String timing,
			@RequestParam(name = "request_id") @Pattern(regexp = REQUEST_ID) String requestId) {
		String trimmed = (comment != null && !comment.isBlank()) ? comment.strip() : null;
		if (trimmed != null && trimmed.length() > 500) {
			trimmed = trimmed.substring(0, 500);
		}
		CancelTiming chosen = (timing != null) ? CancelTiming.valueOf(timing.toUpperCase(Locale.ROOT)) : null;
		Subscription after = this.lifecycle.cancel(caller, id, chosen, new CancellationReason(reason, trimmed),
				requestId);
		// A subscription that runs to its period end is still active: say so, not "cancelled".
		return redirect((after.cancelAtPeriodEnd() && !after.status().isTerminal()) ? "cancel_scheduled" : "canceled");
	}

	@PostMapping("/subscriptions/{id}/reactivate")
	@PortalEndpoint(PortalAction.REACTIVATE_SUBSCRIPTION)
	String reactivate(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestParam(name = "request_id") @Pattern(regexp = REQUEST_ID) String requestId) {
		this.lifecycle.reactivate(caller, id, requestId);
		return redirect("reactivated");
	}

	@GetMapping("/subscriptions/{id}/pause")
	@PortalEndpoint(PortalAction.PAUSE_SUBSCRIPTION)
	String confirmPause(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		this.context.prepare(model, request, response, caller, session(), null);
		model.addAttribute("subscription", this.subscriptions.require(caller.account().accountId(), id));
		SubscriptionLifecycle.ResumeDates dates = this.lifecycle.resumeDates(caller.configuration().pause())
			.orElse(null);
		model.addAttribute("resumeDates", dates);
		model.addAttribute("resumeUntil", (dates != null) ? dates.last().atStartOfDay(ZoneOffset.UTC).toInstant() : null);
		return "recur-portal/pause";
	}

	@PostMapping("/subscriptions/{id}/pause")
	@PortalEndpoint(PortalAction.PAUSE_SUBSCRIPTION)
	String pause(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestParam(name = "resume_on", required = false) @Nullable @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) LocalDate resumeOn,
			@RequestParam(name = "request_id") @Pattern(regexp = REQUEST_ID) String requestId) {
		// A date means its start in UTC, as the confirmation page's range does.
		Instant resumesAt = (resumeOn != null) ? resumeOn.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
		this.lifecycle.pause(caller, id, resumesAt, requestId);
		return redirect("paused");
	}

	@PostMapping("/subscriptions/{id}/resume")
	@PortalEndpoint(PortalAction.RESUME_SUBSCRIPTION)
	String resume(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestParam(name = "request_id") @Pattern(regexp = REQUEST_ID) String requestId) {
		this.lifecycle.resume(caller, id, requestId);
		return redirect("resumed");
	}

	@GetMapping("/subscriptions/{id}/change")
	@PortalEndpoint(PortalAction.PREVIEW_PLAN_CHANGE)
	String plans(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		this.context.prepare(model, request, response, caller, session(), null);
		Subscription subscription = this.subscriptions.require(caller.account().accountId(), id);
		model.addAttribute("subscription", subscription);
		model.addAttribute("plans", this.checkout.plansFor(caller)
			.stream()
			.filter((price) -> price.currency().equals(subscription.price().currency()))
			.filter((price) -> !price.id().equals(subscription.price().id()))
			.toList());
		model.addAttribute("seats", caller.configuration().quantity());
		return "recur-portal/plans";
	}

	@GetMapping("/subscriptions/{id}/change/preview")
	@PortalEndpoint(PortalAction.PREVIEW_PLAN_CHANGE)
	String preview(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestParam(required = false) @Nullable @Pattern(regexp = ProviderIds.PATTERN) String price,
			@RequestParam(required = false) @Nullable @Min(1) @Max(1_000_000) Integer quantity,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		this.context.prepare(model, request, response, caller, session(), null);
		Subscription subscription = this.subscriptions.require(caller.account().accountId(), id);
		ProrationPreview preview = this.lifecycle.previewChange(caller, id, target(price, quantity));
		model.addAttribute("subscription", subscription);
		model.addAttribute("preview", preview);
		// Invoiced at once when the next invoice comes before the current period's end.
		model.addAttribute("chargedNow", preview.nextInvoiceAt().isBefore(subscription.currentPeriodEnd()));
		return "recur-portal/preview";
	}

	@PostMapping("/subscriptions/{id}/change")
	@PortalEndpoint(PortalAction.CHANGE_PLAN)
	String change(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestParam(required = false) @Nullable @Pattern(regexp = ProviderIds.PATTERN) String price,
			@RequestParam(required = false) @Nullable @Min(1) @Max(1_000_000) Integer quantity,
			@RequestParam(name = "request_id") @Pattern(regexp = REQUEST_ID) String requestId) {
		this.lifecycle.change(caller, id, target(price, quantity), requestId);
		return redirect("changed");
	}

	private static PlanChangeTarget target(@Nullable String price, @Nullable Integer quantity) {
		if (price == null && quantity == null) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "Choose a plan or a number of seats.");
		}
		return new PlanChangeTarget(price, null, quantity);
	}

	@GetMapping("/invoices/{id}/pdf")
	@PortalEndpoint(PortalAction.DOWNLOAD_INVOICE)
	ResponseEntity<byte[]> invoicePdf(PortalCaller caller,
			@PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id) {
		InvoiceDocument document = this.invoices.pdf(caller.account().accountId(), id);
		return InvoiceDownloads.attachment(document);
	}

	private @Nullable PaymentMethod defaultPaymentMethod(Customer customer) {
		if (customer.defaultPaymentMethodId() == null || customer.defaultPaymentMethod() != null) {
			return customer.defaultPaymentMethod();
		}
		return this.gateway.findPaymentMethod(customer.defaultPaymentMethodId()).orElse(null);
	}

	// What each subscription still owes on its open invoices, by subscription id.
	private static Map<String, Long> amountsDue(List<Invoice> invoices) {
		Map<String, Long> due = new HashMap<>();
		for (Invoice invoice : invoices) {
			if (invoice.subscriptionId() != null && invoice.amountRemaining() > 0) {
				due.merge(invoice.subscriptionId(), invoice.amountRemaining(), Long::sum);
			}
		}
		return due;
	}

	private static @Nullable String addressLine(@Nullable Address address) {
		if (address == null || address.isEmpty()) {
			return null;
		}
		return Stream.of(address.line1(), address.line2(), address.city(), address.state(), address.postalCode(),
				address.country())
			.filter((part) -> part != null && !part.isBlank())
			.collect(Collectors.joining(", "));
	}

	private String redirect(String notice) {
		return "redirect:" + this.context.portalPath() + "?notice=" + notice;
	}

	// The session that the pages chain's portal session filter authenticated, if live.
	static @Nullable PortalSession session() {
		return PortalSessionAuthenticationToken.currentSession(SecurityContextHolder.getContextHolderStrategy());
	}

}
