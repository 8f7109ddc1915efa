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
import io.recurportal.session.PortalLinks;
import io.recurportal.session.ReturnUrlPolicy;
import io.recurportal.subscription.SubscriptionCheckout;

/**
 * Subscribing from the portal when the account has no live subscription: the plan is
 * paid on the provider's checkout page, which returns here to record the subscription.
 */
@Controller
@RequestMapping("${recur.portal.web.path:/portal}/checkout")
public class PortalCheckoutController {

	private final SubscriptionCheckout checkout;

	private final PortalPageContext context;

	private final PortalLinks links;

	PortalCheckoutController(SubscriptionCheckout checkout, PortalPageContext context, PortalLinks links) {
		this.checkout = checkout;
		this.context = context;
		this.links = links;
	}

	@PostMapping
	@PortalEndpoint(PortalAction.START_CHECKOUT)
	String start(PortalCaller caller, @RequestParam @Pattern(regexp = ProviderIds.PATTERN) String price,
			@RequestParam(name = "request_id") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String requestId) {
		// On the configured origin, never the request's Host: the provider sends the customer there.
		CheckoutSession session = this.checkout.startFromPortal(caller, price,
				this.links.portalUrl("/checkout/complete?session_id=" + ReturnUrlPolicy.CHECKOUT_SESSION_PLACEHOLDER),
				this.links.portalUrl("?notice=checkout_canceled"), requestId);
		return "redirect:" + session.url();
	}

	@GetMapping("/complete")
	@PortalEndpoint(PortalAction.COMPLETE_CHECKOUT)
	String complete(PortalCaller caller,
			@RequestParam(name = "session_id") @Pattern(regexp = ProviderIds.PATTERN) String sessionId,
			HttpServletRequest request) {
		if (HttpMethod.HEAD.matches(request.getMethod())) {
			// Spring maps HEAD here too: a HEAD only looks, it never completes anything.
			return "redirect:" + this.context.portalPath();
		}
		this.checkout.complete(caller, sessionId);
		return "redirect:" + this.context.portalPath() + "?notice=subscribed";
	}

}
