package io.recurportal.customer;

import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.audit.AuditedActions;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.IdempotencyKeys;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.SubscriptionCheckout;

/**
 * Replacing the customer's card through the provider's checkout page in setup mode (so
 * card data never touches the host), and recovering on-hold subscriptions with it: the
 * open invoices are paid with the new card and the subscriptions become active again,
 * or stay on hold when the charge fails.
 */
public final class PaymentMethodUpdates {

	private final BillingGateway gateway;

	private final AccountSubscriptions subscriptions;

	private final AuditedActions audited;

	public PaymentMethodUpdates(BillingGateway gateway, AccountSubscriptions subscriptions, AuditedActions audited) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(subscriptions, "subscriptions must not be null");
		Assert.notNull(audited, "audited must not be null");
		this.gateway = gateway;
		this.subscriptions = subscriptions;
		this.audited = audited;
	}

	/**
	 * Starts a card update.
	 * @param caller the owner
	 * @param successUrl where the provider sends the customer after saving the card
	 * @param cancelUrl where it sends them when they go back
	 * @param requestId the form's request id, so a double submit opens one session
	 * @return the checkout session to send the customer to
	 */
	public CheckoutSession start(PortalCaller caller, String successUrl, String cancelUrl, String requestId) {
		String accountId = caller.account().accountId();
		return this.audited.perform(caller.account(), "start_payment_method_update", null, () -> {
			String customerId = this.subscriptions.requireCustomerId(accountId);
			List<Subscription> live = this.subscriptions.list(accountId)
				.stream()
				.filter((subscription) -> !subscription.status().isTerminal())
				.toList();
			Subscription onHold = live.stream().filter(Subscription::isOnHold).findFirst().orElse(null);
			// The currency it will pay in lets the provider offer every method enabled for it, not only cards.
			Subscription paidWith = (onHold != null) ? onHold : live.stream().findFirst().orElse(null);
			return this.gateway.createCheckoutSession(
					new CheckoutSessionRequest(CheckoutMode.SETUP, customerId, null,
							(onHold != null) ? onHold.id() : null, successUrl, cancelUrl,
							Map.of(SubscriptionCheckout.ACCOUNT_METADATA_KEY, accountId),
							(paidWith != null) ? paidWith.price().currency() : null),
					IdempotencyKeys.derive(accountId, "start_payment_method_update", requestId));
		});
	}

	/**
	 * Finishes a card update: the new card becomes the default, and the open invoices of
	 * on-hold subscriptions are paid with it.
	 * @param caller the owner
	 * @param sessionId the completed setup checkout session
	 * @return what happened
	 */
	public Outcome complete(PortalCaller caller, String sessionId) {
		String accountId = caller.account().accountId();
		return this.audited.perform(caller.account(), PortalAction.UPDATE_PAYMENT_METHOD.value(), sessionId, () -> {
			String customerId = this.subscriptions.requireCustomerId(accountId);
			CheckoutSession session = this.gateway.findCheckoutSession(sessionId)
				// A session that names no customer is no account's.
				.filter((candidate) -> customerId.equals(candidate.customerId()))
				.filter((candidate) -> candidate.mode() == CheckoutMode.SETUP)
				.orElseThrow(() -> new PortalException(PortalErrorCode.CHECKOUT_SESSION_NOT_FOUND,
						"No such card update on this account."));
			if (session.status() != CheckoutStatus.COMPLETE || session.paymentMethodId() == null) {
				throw new PortalException(PortalErrorCode.CHECKOUT_INCOMPLETE, "The card was not saved.");
			}
			String paymentMethodId = session.paymentMethodId();
			this.gateway.setDefaultPaymentMethod(customerId, paymentMethodId,
					IdempotencyKeys.derive(accountId, "default_payment_method", sessionId));
			List<Subscription> onHold = this.subscriptions.list(accountId)
				.stream()
				.filter(Subscription::isOnHold)
				.toList();
			if (onHold.isEmpty()) {
				return Outcome.UPDATED;
			}
			boolean paid = payOpenInvoices(accountId, customerId, paymentMethodId, sessionId, onHold);
			this.subscriptions.syncCustomer(accountId, customerId);
			return paid ? Outcome.RECOVERED : Outcome.STILL_ON_HOLD;
		});
	}

	private boolean payOpenInvoices(String accountId, String customerId, String paymentMethodId, String sessionId,
			List<Subscription> onHold) {
		List<String> onHoldIds = onHold.stream().map(Subscription::id).toList();
		List<Invoice> open = this.gateway.listInvoices(customerId, 100)
			.stream()
			.filter((invoice) -> invoice.status() == InvoiceStatus.OPEN)
			.filter((invoice) -> onHoldIds.contains(invoice.subscriptionId()))
			.toList();
		for (Invoice invoice : open) {
			try {
				this.gateway.payInvoice(invoice.id(), paymentMethodId,
						IdempotencyKeys.derive(accountId, "pay_invoice", invoice.id(), sessionId));
			}
			catch (PortalException ex) {
				if (ex.getErrorCode() != PortalErrorCode.PAYMENT_FAILED) {
					throw ex;
				}
				return false;
			}
		}
		return true;
	}

	/**
	 * How a card update ended.
	 */
	public enum Outcome {

		/** The new card is the default; nothing was on hold. */
		UPDATED,

		/** The new card paid what was owed; the subscriptions are active again. */
		RECOVERED,

		/** The card was saved but the charge failed; the subscriptions stay on hold. */
		STILL_ON_HOLD

	}

}
