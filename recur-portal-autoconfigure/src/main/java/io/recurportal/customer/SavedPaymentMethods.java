package io.recurportal.customer;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.access.PortalCaller;
import io.recurportal.audit.AuditedActions;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.IdempotencyKeys;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.subscription.AccountSubscriptions;

/**
 * A customer's saved payment methods (cards, bank debits, Link, wallets): listing them,
 * choosing the default, removing one, and paying what an on-hold subscription owes with
 * one of them. A payment method id that is not the caller's customer's is
 * {@code payment_method_not_found}, exactly like one that does not exist.
 */
public final class SavedPaymentMethods {

	/** The audit trail's name of making a saved method the default. */
	public static final String SET_DEFAULT = "set_default_payment_method";

	/** The audit trail's name of removing a saved method. */
	public static final String REMOVE = "remove_payment_method";

	/** The audit trail's name of paying an on-hold subscription with a saved method. */
	public static final String PAY = "pay_with_payment_method";

	private final BillingGateway gateway;

	private final AccountSubscriptions subscriptions;

	private final CustomerProfiles profiles;

	private final AuditedActions audited;

	private final Clock clock;

	public SavedPaymentMethods(BillingGateway gateway, AccountSubscriptions subscriptions, CustomerProfiles profiles,
			AuditedActions audited, Clock clock) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(subscriptions, "subscriptions must not be null");
		Assert.notNull(profiles, "profiles must not be null");
		Assert.notNull(audited, "audited must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.gateway = gateway;
		this.subscriptions = subscriptions;
		this.profiles = profiles;
		this.audited = audited;
		this.clock = clock;
	}

	/**
	 * Every saved payment method of the caller's customer, the default first, then
	 * newest first.
	 * @param caller the owner
	 * @return the payment methods
	 */
	public List<SavedPaymentMethod> list(PortalCaller caller) {
		Customer customer = this.profiles.customer(caller);
		String defaultId = customer.defaultPaymentMethodId();
		return this.gateway.listPaymentMethods(customer.id())
			.stream()
			.map((method) -> new SavedPaymentMethod(method, method.id().equals(defaultId),
					method.isExpiredAt(this.clock.instant())))
			.sorted(Comparator.comparing((SavedPaymentMethod saved) -> !saved.isDefault()))
			.toList();
	}

	/**
	 * Makes a saved payment method the default of the customer and of its live
	 * subscriptions.
	 * @param caller the owner
	 * @param paymentMethodId one of the customer's payment methods
	 * @param clientKey the client's idempotency key or the form's request id, if any
	 * @return the payment methods after the change
	 */
	public List<SavedPaymentMethod> makeDefault(PortalCaller caller, String paymentMethodId,
			@Nullable String clientKey) {
		String accountId = caller.account().accountId();
		this.audited.perform(caller.account(), SET_DEFAULT, paymentMethodId, () -> {
			Customer customer = this.profiles.customer(caller);
			requireOwn(customer.id(), paymentMethodId);
			// The current default is part of the key: choosing A, then B, then A again is three changes.
			return this.gateway.setDefaultPaymentMethod(customer.id(), paymentMethodId, IdempotencyKeys
				.derive(accountId, SET_DEFAULT, paymentMethodId, customer.defaultPaymentMethodId(), clientKey));
		});
		return list(caller);
	}

	/**
	 * Removes a saved payment method. The last one cannot be removed while a subscription
	 * has still to be paid; when the default is removed, the newest other one becomes the
	 * default first, so renewals keep a method to charge.
	 * @param caller the owner
	 * @param paymentMethodId one of the customer's payment methods
	 * @param clientKey the client's idempotency key or the form's request id, if any
	 * @return the payment methods after the change
	 * @throws PortalException {@code payment_method_required} when it is the last one
	 * and a subscription has not ended
	 */
	public List<SavedPaymentMethod> remove(PortalCaller caller, String paymentMethodId, @Nullable String clientKey) {
		String accountId = caller.account().accountId();
		this.audited.perform(caller.account(), REMOVE, paymentMethodId, () -> {
			Customer customer = this.profiles.customer(caller);
			List<PaymentMethod> methods = this.gateway.listPaymentMethods(customer.id());
			PaymentMethod removed = methods.stream()
				.filter((method) -> method.id().equals(paymentMethodId))
				.findFirst()
				.orElseThrow(SavedPaymentMethods::notFound);
			List<PaymentMethod> others = methods.stream().filter((method) -> method != removed).toList();
			boolean due = this.subscriptions.list(accountId)
				.stream()
				.anyMatch((subscription) -> !subscription.status().isTerminal());
			if (others.isEmpty() && due) {
				throw new PortalException(PortalErrorCode.PAYMENT_METHOD_REQUIRED,
						"A subscription still has to be paid: add another payment method before removing this one.");
			}
			if (removed.id().equals(customer.defaultPaymentMethodId()) && !others.isEmpty()) {
				PaymentMethod next = others.stream()
					.max(Comparator.comparing(PaymentMethod::created))
					.orElseThrow();
				this.gateway.setDefaultPaymentMethod(customer.id(), next.id(),
						IdempotencyKeys.derive(accountId, SET_DEFAULT, next.id(), removed.id(), clientKey));
			}
			this.gateway.detachPaymentMethod(customer.id(), removed.id(),
					IdempotencyKeys.derive(accountId, REMOVE, removed.id()));
			return removed;
		});
		return list(caller);
	}

	/**
	 * What an on-hold subscription of the caller's owes.
	 * @param caller the owner
	 * @param subscriptionId one of the account's subscriptions
	 * @return the amount due and the open invoices behind it
	 * @throws PortalException {@code invalid_subscription_state} when it is not on hold
	 */
	public AmountDue amountDue(PortalCaller caller, String subscriptionId) {
		String accountId = caller.account().accountId();
		Subscription subscription = this.subscriptions.require(accountId, subscriptionId);
		if (!subscription.isOnHold()) {
			throw new PortalException(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
					"This subscription is not on hold: nothing is due.");
		}
		List<Invoice> open = this.gateway.listInvoices(subscription.customerId(), 100)
			.stream()
			.filter((invoice) -> invoice.status() == InvoiceStatus.OPEN)
			.filter((invoice) -> subscriptionId.equals(invoice.subscriptionId()))
			.sorted(Comparator.comparing(Invoice::created))
			.toList();
		long amount = open.stream().mapToLong(Invoice::amountRemaining).sum();
		String currency = open.isEmpty() ? subscription.price().currency() : open.get(0).currency();
		return new AmountDue(subscription, open, amount, currency);
	}

	/**
	 * Pays what an on-hold subscription owes with a saved payment method, which then
	 * becomes the default so the next renewal is charged to it too. When a charge fails
	 * the subscription stays on hold and the default is unchanged.
	 * @param caller the owner
	 * @param subscriptionId one of the account's subscriptions, on hold
	 * @param paymentMethodId one of the customer's payment methods
	 * @param clientKey the client's idempotency key or the form's request id, if any
	 * @return the subscription after the payment
	 * @throws PortalException {@code payment_failed} when a charge fails;
	 * {@code invalid_subscription_state} when it is not on hold
	 */
	public Subscription pay(PortalCaller caller, String subscriptionId, String paymentMethodId,
			@Nullable String clientKey) {
		String accountId = caller.account().accountId();
		return this.audited.perform(caller.account(), PAY, subscriptionId, () -> {
			AmountDue due = amountDue(caller, subscriptionId);
			String customerId = due.subscription().customerId();
			requireOwn(customerId, paymentMethodId);
			// Without a client key each attempt is its own: an invoice is paid once whatever the key,
			// and a declined attempt must not be replayed when the customer tries again.
			String attempt = (clientKey != null) ? clientKey : UUID.randomUUID().toString();
			try {
				for (Invoice invoice : due.invoices()) {
					this.gateway.payInvoice(invoice.id(), paymentMethodId,
							IdempotencyKeys.derive(accountId, PAY, invoice.id(), paymentMethodId, attempt));
				}
			}
			finally {
				this.subscriptions.syncCustomer(accountId, customerId);
			}
			this.gateway.setDefaultPaymentMethod(customerId, paymentMethodId,
					IdempotencyKeys.derive(accountId, SET_DEFAULT, paymentMethodId, subscriptionId, attempt));
			return this.subscriptions.require(accountId, subscriptionId);
		});
	}

	private void requireOwn(String customerId, String paymentMethodId) {
		boolean own = this.gateway.listPaymentMethods(customerId)
			.stream()
			.anyMatch((method) -> method.id().equals(paymentMethodId));
		if (!own) {
			throw notFound();
		}
	}

	private static PortalException notFound() {
		return new PortalException(PortalErrorCode.PAYMENT_METHOD_NOT_FOUND, "No such payment method.");
	}

}
