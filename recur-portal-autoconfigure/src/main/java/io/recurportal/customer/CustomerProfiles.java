package io.recurportal.customer;

import org.springframework.util.Assert;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.audit.AuditedActions;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.EmailAddresses;
import io.recurportal.billing.IdempotencyKeys;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.subscription.AccountSubscriptions;

/**
 * The billing profile of the caller's customer: name, email, phone, address, tax id.
 */
public final class CustomerProfiles {

	private final BillingGateway gateway;

	private final AccountSubscriptions subscriptions;

	private final AuditedActions audited;

	private final AccountSnapshots snapshots;

	public CustomerProfiles(BillingGateway gateway, AccountSubscriptions subscriptions, AuditedActions audited,
			AccountSnapshots snapshots) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(subscriptions, "subscriptions must not be null");
		Assert.notNull(audited, "audited must not be null");
		Assert.notNull(snapshots, "snapshots must not be null");
		this.gateway = gateway;
		this.subscriptions = subscriptions;
		this.audited = audited;
		this.snapshots = snapshots;
	}

	/**
	 * The caller's customer, with its default card when the provider answers it along;
	 * from the account's snapshot when there is one.
	 * @param caller the caller
	 * @return the customer
	 * @throws PortalException {@code customer_not_found} when the account has none
	 */
	public Customer customer(PortalCaller caller) {
		String accountId = caller.account().accountId();
		return this.snapshots.customer(accountId, () -> {
			String customerId = this.subscriptions.requireCustomerId(accountId);
			return this.gateway.findCustomer(customerId)
				.orElseThrow(() -> new PortalException(PortalErrorCode.CUSTOMER_NOT_FOUND,
						"This account has no billing profile yet."));
		});
	}

	/**
	 * Replaces the caller's billing profile, all but a new email address: lookups by
	 * email trust it, so a new address takes effect only once it confirms the change
	 * ({@link EmailChanges}). The email given is saved here only when it is the same
	 * address as now in another spelling, or when it is cleared; otherwise the current
	 * one is kept.
	 * @param caller the owner
	 * @param update the new profile
	 * @param requestId the form's request id, so a double submit changes it once
	 * @return the customer after the change
	 */
	public Customer update(PortalCaller caller, CustomerProfileUpdate update, String requestId) {
		return this.audited.perform(caller.account(), PortalAction.UPDATE_PROFILE.value(), null, () -> {
			Customer customer = customer(caller);
			CustomerProfileUpdate applied = (update.email() == null
					|| EmailAddresses.same(update.email(), customer.email())) ? update
							: new CustomerProfileUpdate(update.name(), customer.email(), update.phone(),
									update.address(), update.taxId());
			return this.gateway.updateCustomer(customer.id(), applied, IdempotencyKeys
				.derive(caller.account().accountId(), PortalAction.UPDATE_PROFILE.value(), customer.id(), requestId));
		});
	}

}
