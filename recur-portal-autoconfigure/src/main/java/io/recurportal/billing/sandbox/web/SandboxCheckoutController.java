package io.recurportal.billing.sandbox.web;

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

import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.subscription.SubscriptionCheckout;
import io.recurportal.web.PortalPage;
import io.recurportal.web.PortalPageContext;

/**
 * The sandbox provider's checkout page: what Stripe Checkout is in Stripe mode. A
 * customer enters a test card or a test IBAN (SEPA Direct Debit); the page then sends them to the session's success URL.
 * Only present when the sandbox is the provider, and only for the account that made
 * the checkout: a browser whose portal session is of another account, or that has none,
 * is answered as for an unknown id.
 */
@Controller
@PortalPage
@RequestMapping("${recur.portal.web.path:/portal}/sandbox/checkout")
@PortalEndpoint.Public("Stands in for the provider's hosted checkout page; it checks itself that the browser's "
		+ "portal session is of the account that made the checkout.")
public class SandboxCheckoutController {

	private static final String ID = "cs_[A-Za-z0-9_]{1,250}";

	private final BillingGateway gateway;

	private final PortalPageContext context;

	/**
	 * Creates the page.
	 * @param gateway the provider; the page answers only when it is the sandbox
	 * @param context what every portal page needs
	 */
	public SandboxCheckoutController(BillingGateway gateway, PortalPageContext context) {
		this.gateway = gateway;
		this.context = context;
	}

	// A host (or a test) may wrap or replace the gateway: the page exists only for the sandbox.
	private SandboxBillingGateway sandbox() {
		if (this.gateway instanceof SandboxBillingGateway sandbox) {
			return sandbox;
		}
		throw new PortalException(PortalErrorCode.CHECKOUT_SESSION_NOT_FOUND, "No sandbox checkout here.");
	}

	@GetMapping("/{id}")
	String show(@PathVariable @Pattern(regexp = ID) String id, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return page(id, null, request, response, model);
	}

	@PostMapping("/{id}")
	String pay(@PathVariable @Pattern(regexp = ID) String id, @RequestParam("card_number") String cardNumber,
			@RequestParam("exp_month") int expMonth, @RequestParam("exp_year") int expYear,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (cardNumber.length() > 32) {
			return page(id, "invalid_card", request, response, model);
		}
		requireOwnedBy(id, request);
		try {
			CheckoutSession session = sandbox().completeCheckoutSession(id, cardNumber, expMonth, expYear);
			return "redirect:" + session.successUrl();
		}
		catch (PortalException ex) {
			if (ex.getErrorCode() == PortalErrorCode.PAYMENT_FAILED || ex.getErrorCode() == PortalErrorCode.INVALID_CARD
					|| ex.getErrorCode() == PortalErrorCode.INVALID_REQUEST) {
				response.setStatus(ex.getErrorCode().status().value());
				return page(id, ex.getErrorCode().code(), request, response, model);
			}
			throw ex;
		}
	}

	@PostMapping("/{id}/bank-account")
	String payByBankAccount(@PathVariable @Pattern(regexp = ID) String id, @RequestParam("iban") String iban,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (iban.length() > 42) {
			return page(id, "invalid_iban", request, response, model);
		}
		requireOwnedBy(id, request);
		try {
			CheckoutSession session = sandbox().completeCheckoutSessionWithBankAccount(id, iban);
			return "redirect:" + session.successUrl();
		}
		catch (PortalException ex) {
			if (ex.getErrorCode() == PortalErrorCode.PAYMENT_FAILED || ex.getErrorCode() == PortalErrorCode.INVALID_CARD
					|| ex.getErrorCode() == PortalErrorCode.INVALID_REQUEST) {
				response.setStatus(ex.getErrorCode().status().value());
				String error = (ex.getErrorCode() == PortalErrorCode.INVALID_CARD) ? "invalid_iban"
						: ex.getErrorCode().code();
				return page(id, error, request, response, model);
			}
			throw ex;
		}
	}

	// Only the account that made a checkout (through its portal session, the browser's
	// cookie) opens or pays it; anyone else gets what an unknown id gets.
	private void requireOwnedBy(String id, HttpServletRequest request) {
		String account = this.context.sessionAccountId();
		boolean owned = account != null && sandbox().findCheckoutSessionMetadata(id)
			.map((metadata) -> account.equals(metadata.get(SubscriptionCheckout.ACCOUNT_METADATA_KEY)))
			.orElse(false);
		if (!owned) {
			throw new PortalException(PortalErrorCode.CHECKOUT_SESSION_NOT_FOUND, "No such checkout.");
		}
	}

	private String page(String id, @Nullable String error, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		requireOwnedBy(id, request);
		CheckoutSession session = sandbox().findCheckoutSession(id)
			.filter((candidate) -> candidate.status() == CheckoutStatus.OPEN)
			.orElseThrow(() -> new PortalException(PortalErrorCode.CHECKOUT_SESSION_NOT_FOUND,
					"This checkout has ended."));
		this.context.prepare(model, request, response, null, null, null);
		model.addAttribute("checkout", session);
		model.addAttribute("price", (session.priceId() != null) ? sandbox().findPrice(session.priceId()).orElse(null)
				: null);
		model.addAttribute("error", error);
		return "recur-portal-sandbox/checkout";
	}

}
