package io.recurportal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.ProviderIds;
import io.recurportal.customer.PaymentMethodUpdates;
import io.recurportal.session.PortalLinks;
import io.recurportal.session.ReturnUrlPolicy;

/**
 * Updating the card on the provider's page, and recovering on-hold subscriptions with it.
 */
@Controller
@RequestMapping("${recur.portal.web.path:/portal}/payment-method")
public class PaymentMethodController {

	private final PaymentMethodUpdates updates;

	private final PortalPageContext context;

	private final PortalLinks links;

	PaymentMethodController(PaymentMethodUpdates updates, PortalPageContext context, PortalLinks links) {
		this.updates = updates;
		this.context = context;
		this.links = links;
	}

	@PostMapping
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	String start(PortalCaller caller,
			@RequestParam(name = "request_id") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String requestId) {
		// On the configured origin, never the request's Host: the provider sends the customer there.
		CheckoutSession session = this.updates.start(caller,
				this.links.portalUrl(
						"/payment-method/complete?session_id=" + ReturnUrlPolicy.CHECKOUT_SESSION_PLACEHOLDER),
				this.links.portalUrl("?notice=card_canceled"), requestId);
		// The provider's own page: card data never touches this application.
		return "redirect:" + session.url();
	}

	@GetMapping("/complete")
	@PortalEndpoint(PortalAction.UPDATE_PAYMENT_METHOD)
	String complete(PortalCaller caller,
			@RequestParam(name = "session_id") @Pattern(regexp = ProviderIds.PATTERN) String sessionId,
			HttpServletRequest request) {
		if (HttpMethod.HEAD.matches(request.getMethod())) {
			// Spring maps HEAD here too: a HEAD only looks, it never completes anything.
			return "redirect:" + this.context.portalPath();
		}
		String notice = switch (this.updates.complete(caller, sessionId)) {
			case UPDATED -> "card_updated";
			case RECOVERED -> "recovered";
			case STILL_ON_HOLD -> "recovery_failed";
		};
		return "redirect:" + this.context.portalPath() + "?notice=" + notice;
	}

}
