package io.recurportal.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

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
import io.recurportal.billing.ProviderIds;
import io.recurportal.customer.SavedPaymentMethods;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * The customer's saved payment methods: choose the default, remove one, add one (on the
 * provider's page, through {@link PaymentMethodController}), and pay what an on-hold
 * subscription owes with a saved one. Plain forms, so it all works without JavaScript.
 */
@Controller
@RequestMapping("${recur.portal.web.path:/portal}")
public class SavedPaymentMethodsController {

	private static final Set<String> NOTICES = Set.of("default_changed", "payment_method_removed");

	private static final String REQUEST_ID = "[A-Za-z0-9-]{1,64}";

	private final SavedPaymentMethods methods;

	private final PortalPageContext context;

	SavedPaymentMethodsController(SavedPaymentMethods methods, PortalPageContext context) {
		this.methods = methods;
		this.context = context;
	}

	@GetMapping("/payment-methods")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	String list(PortalCaller caller, HttpServletRequest request, HttpServletResponse response, Model model,
			@RequestParam(required = false) @Nullable String notice) {
		this.context.prepare(model, request, response, caller, PortalPagesController.session(), null);
		model.addAttribute("notice", (notice != null && NOTICES.contains(notice)) ? notice : null);
		model.addAttribute("methods", this.methods.list(caller));
		return "recur-portal/payment-methods";
	}

	@PostMapping("/payment-methods/{id}/default")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	String makeDefault(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestParam(name = "request_id") @Pattern(regexp = REQUEST_ID) String requestId) {
		this.methods.makeDefault(caller, id, requestId);
		return "redirect:" + this.context.portalPath() + "/payment-methods?notice=default_changed";
	}

	@PostMapping("/payment-methods/{id}/remove")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	String remove(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestParam(name = "request_id") @Pattern(regexp = REQUEST_ID) String requestId) {
		this.methods.remove(caller, id, requestId);
		return "redirect:" + this.context.portalPath() + "/payment-methods?notice=payment_method_removed";
	}

	@GetMapping("/subscriptions/{id}/pay")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	String due(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			HttpServletRequest request, HttpServletResponse response, Model model,
			@RequestParam(required = false) @Nullable String error) {
		this.context.prepare(model, request, response, caller, PortalPagesController.session(), null);
		model.addAttribute("due", this.methods.amountDue(caller, id));
		model.addAttribute("methods", this.methods.list(caller));
		model.addAttribute("error", "payment_failed".equals(error) ? error : null);
		return "recur-portal/pay";
	}

	@PostMapping("/subscriptions/{id}/pay")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	String pay(PortalCaller caller, @PathVariable @Pattern(regexp = ProviderIds.PATTERN) String id,
			@RequestParam(name = "payment_method") @Pattern(regexp = ProviderIds.PATTERN) String paymentMethodId,
			@RequestParam(name = "request_id") @Pattern(regexp = REQUEST_ID) String requestId) {
		try {
			this.methods.pay(caller, id, paymentMethodId, requestId);
		}
		catch (PortalException ex) {
			if (ex.getErrorCode() != PortalErrorCode.PAYMENT_FAILED) {
				throw ex;
			}
			// Still on hold: back to the choice, to try another method.
			return "redirect:" + this.context.portalPath() + "/subscriptions/" + id + "/pay?error=payment_failed";
		}
		return "redirect:" + this.context.portalPath() + "?notice=recovered";
	}

}
