package io.recurportal.subscription;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.access.PortalAction;
import io.recurportal.account.AccountCustomerLinks;
import io.recurportal.access.PortalCaller;
import io.recurportal.audit.AuditedActions;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.IdempotencyKeys;
import io.recurportal.billing.NewCustomer;
import io.recurportal.billing.Price;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.session.ReturnUrlPolicy;

/**
 * Starting a subscription through the provider's checkout page, and recording the
 * subscription it created. The account's customer is created on first checkout.
 */
public final class SubscriptionCheckout {

	/** Checkout sessions carry the account, so the provider's records name it too. */
	public static final String ACCOUNT_METADATA_KEY = "recur_account_id";

	private final BillingGateway gateway;

	private final AccountSubscriptions subscriptions;

	private final ReturnUrlPolicy returnUrls;

	private final AuditedActions audited;

	private @Nullable AccountCustomerLinks customerLinks;

	public SubscriptionCheckout(BillingGateway gateway, AccountSubscriptions subscriptions, ReturnUrlPolicy returnUrls,
			AuditedActions audited) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(subscriptions, "subscriptions must not be null");
		Assert.notNull(returnUrls, "returnUrls must not be null");
		Assert.notNull(audited, "audited must not be null");
		this.gateway = gateway;
		this.subscriptions = subscriptions;
		this.returnUrls = returnUrls;
		this.audited = audited;
	}

	/**
	 * Sets where the link from an account to the customer its first checkout creates is
	 * written, so the account's customer is found before the provider's search knows it.
	 * @param customerLinks the links, or {@code null} to write none
	 */
	public void setCustomerLinks(@Nullable AccountCustomerLinks customerLinks) {
		this.customerLinks = customerLinks;
	}

	/**
	 * The prices the caller may subscribe or switch to: active prices their configuration offers.
	 * @param caller the caller
	 * @return the prices
	 */
	public List<Price> plansFor(PortalCaller caller) {
		return this.gateway.listPrices()
			.stream()
			.filter((price) -> caller.configuration().planChange().offers(price.id()))
			.toList();
	}

	/**
	 * Starts a checkout for a new subscription.
	 * @param caller the owner
	 * @param priceId one of the offered prices
	 * @param successUrl where the provider sends the customer after paying, on an allowed origin
	 * @param cancelUrl where it sends them when they go back, on an allowed origin
	 * @param clientKey the client's idempotency key, if it sent one
	 * @return the open session with its URL
	 */
	public CheckoutSession start(PortalCaller caller, String priceId, String successUrl, String cancelUrl,
			@Nullable String clientKey) {
		return start(caller, priceId, successUrl, cancelUrl, clientKey, true);
	}

	/**
	 * Starts a checkout for a new subscription from the portal's own pages, which return
	 * to the portal: its URLs come from the portal's base URL, not from the request, so
	 * they are not held against the allowed return origins.
	 * @param caller the owner
	 * @param priceId one of the offered prices
	 * @param portalSuccessUrl the portal page that completes the checkout
	 * @param portalCancelUrl the portal page the customer goes back to
	 * @param requestId the form's request id, so a double submit opens one session
	 * @return the open session with its URL
	 */
	public CheckoutSession startFromPortal(PortalCaller caller, String priceId, String portalSuccessUrl,
			String portalCancelUrl, String requestId) {
		return start(caller, priceId, portalSuccessUrl, portalCancelUrl, requestId, false);
	}

	private CheckoutSession start(PortalCaller caller, String priceId, String successUrl, String cancelUrl,
			@Nullable String clientKey, boolean checkUrls) {
		String accountId = caller.account().accountId();
		return this.audited.perform(caller.account(), PortalAction.START_CHECKOUT.value(), priceId, () -> {
			String success = checkUrls ? this.returnUrls.check(successUrl) : successUrl;
			String cancel = checkUrls ? this.returnUrls.check(cancelUrl) : cancelUrl;
			boolean offered = plansFor(caller).stream().anyMatch((price) -> price.id().equals(priceId));
			if (!offered) {
				throw new PortalException(PortalErrorCode.PRICE_NOT_AVAILABLE, "That plan is not offered.");
			}
			String customerId = this.subscriptions.customerId(accountId).orElseGet(() -> createCustomer(accountId));
			// The account's current subscriptions are part of the key: once a checkout has
			// made a subscription, the next one is a new request.
			String state = this.subscriptions.list(accountId).stream().map(Subscription::id).toList().toString();
			String key = (clientKey != null)
					? IdempotencyKeys.derive(accountId, PortalAction.START_CHECKOUT.value(), clientKey)
					: IdempotencyKeys.derive(accountId, PortalAction.START_CHECKOUT.value(), priceId, success, cancel,
							state);
			return this.gateway.createCheckoutSession(new CheckoutSessionRequest(CheckoutMode.SUBSCRIPTION, customerId,
					priceId, null, success, cancel, Map.of(ACCOUNT_METADATA_KEY, accountId)), key);
		});
	}

	/**
	 * The account's customer, created (and linked) when the account has none yet, so an
	 * owner can open the portal and subscribe from there.
	 * @param caller the owner
	 * @return the customer id
	 * @throws PortalException {@code owner_required} when the caller is not an owner
	 */
	public String customerFor(PortalCaller caller) {
		if (!caller.account().owner()) {
			throw new PortalException(PortalErrorCode.OWNER_REQUIRED,
					"Only an owner of the account can start its billing.");
		}
		String accountId = caller.account().accountId();
		return this.subscriptions.customerId(accountId).orElseGet(() -> createCustomer(accountId));
	}

	private String createCustomer(String accountId) {
		String created = this.gateway
			.createCustomer(new NewCustomer(accountId, null, null), IdempotencyKeys.derive(accountId, "create_customer"))
			.id();
		// Linked at once: the provider's search may not find the new customer for a while.
		return (this.customerLinks != null) ? this.customerLinks.link(accountId, created) : created;
	}

	/**
	 * Records the subscription a completed checkout created.
	 * @param caller the owner
	 * @param sessionId the checkout session
	 * @return the subscription, now in the mirror
	 */
	public Subscription complete(PortalCaller caller, String sessionId) {
		String accountId = caller.account().accountId();
		return this.audited.perform(caller.account(), PortalAction.COMPLETE_CHECKOUT.value(), sessionId, () -> {
			String customerId = this.subscriptions.customerId(accountId).orElse(null);
			CheckoutSession session = this.gateway.findCheckoutSession(sessionId)
				// A session names no customer until Stripe made one; such a session is no account's.
				.filter((candidate) -> customerId != null && customerId.equals(candidate.customerId()))
				.filter((candidate) -> candidate.mode() == CheckoutMode.SUBSCRIPTION)
				.orElseThrow(() -> new PortalException(PortalErrorCode.CHECKOUT_SESSION_NOT_FOUND,
						"No such checkout session on this account."));
			if (session.status() != CheckoutStatus.COMPLETE || session.subscriptionId() == null) {
				throw new PortalException(PortalErrorCode.CHECKOUT_INCOMPLETE,
						"The checkout has not been completed yet.");
			}
			Subscription subscription = this.gateway.findSubscription(session.subscriptionId())
				.orElseThrow(() -> new PortalException(PortalErrorCode.SUBSCRIPTION_NOT_FOUND,
						"The checkout's subscription no longer exists."));
			this.subscriptions.remember(accountId, subscription);
			return subscription;
		});
	}

}
