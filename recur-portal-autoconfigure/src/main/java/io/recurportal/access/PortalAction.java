package io.recurportal.access;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.recurportal.configuration.PortalFeature;

/**
 * Everything a caller can do in the portal, each with the feature its configuration
 * must have and whether it changes billing (and so needs an owner).
 */
public enum PortalAction {

	/** See who the portal thinks the caller is. */
	VIEW_IDENTITY(null, false),

	/** See the account's entitlements and the caller's portal features. */
	VIEW_FEATURES(null, false),

	/** Open the portal for the caller's configuration. */
	OPEN_PORTAL(null, false),

	/** See subscriptions. */
	VIEW_SUBSCRIPTIONS(PortalFeature.SUBSCRIPTION_VIEW, false),

	/** See the provider and the plans on offer. */
	VIEW_PLANS(PortalFeature.SUBSCRIPTION_VIEW, false),

	/** Reconcile the local mirror with the provider. */
	SYNC_SUBSCRIPTIONS(PortalFeature.SUBSCRIPTION_VIEW, true),

	/** Start a checkout for a new subscription. */
	START_CHECKOUT(PortalFeature.SUBSCRIPTION_UPDATE, true),

	/** Record the subscription a finished checkout created. */
	COMPLETE_CHECKOUT(PortalFeature.SUBSCRIPTION_UPDATE, true),

	/** See what a plan change would cost. */
	PREVIEW_PLAN_CHANGE(PortalFeature.SUBSCRIPTION_UPDATE, true),

	/** Switch plan or billing interval. */
	CHANGE_PLAN(PortalFeature.SUBSCRIPTION_UPDATE, true),

	/** Cancel a subscription. */
	CANCEL_SUBSCRIPTION(PortalFeature.SUBSCRIPTION_CANCEL, true),

	/** See the discount offered before a cancellation goes through. */
	VIEW_RETENTION_OFFER(PortalFeature.SUBSCRIPTION_CANCEL, true),

	/** Accept the retention offer: the discount applies and the subscription stays. */
	ACCEPT_RETENTION_OFFER(PortalFeature.SUBSCRIPTION_CANCEL, true),

	/** Undo a cancellation at period end. */
	REACTIVATE_SUBSCRIPTION(PortalFeature.SUBSCRIPTION_CANCEL, true),

	/** Pause a subscription. */
	PAUSE_SUBSCRIPTION(PortalFeature.SUBSCRIPTION_PAUSE, true),

	/** Resume a paused subscription. */
	RESUME_SUBSCRIPTION(PortalFeature.SUBSCRIPTION_PAUSE, true),

	/** See invoices. */
	VIEW_INVOICES(PortalFeature.INVOICE_HISTORY, false),

	/** Download an invoice PDF. */
	DOWNLOAD_INVOICE(PortalFeature.INVOICE_HISTORY, false),

	/** See saved payment methods. */
	VIEW_PAYMENT_METHODS(PortalFeature.PAYMENT_METHOD_UPDATE, false),

	/** Add a payment method, make one the default, pay an open invoice with it. */
	UPDATE_PAYMENT_METHOD(PortalFeature.PAYMENT_METHOD_UPDATE, true),

	/** See the billing profile. */
	VIEW_PROFILE(PortalFeature.CUSTOMER_UPDATE, false),

	/** Edit the billing profile. */
	UPDATE_PROFILE(PortalFeature.CUSTOMER_UPDATE, true),

	/** See license keys. */
	VIEW_LICENSE_KEYS(PortalFeature.LICENSE_KEYS, false),

	/**
	 * See the account's recent billing activity. Owner-only like a billing change: it
	 * names who did what, refusals included.
	 */
	VIEW_ACTIVITY(null, true);

	private final @Nullable PortalFeature feature;

	private final boolean changesBilling;

	PortalAction(@Nullable PortalFeature feature, boolean changesBilling) {
		this.feature = feature;
		this.changesBilling = changesBilling;
	}

	/**
	 * The feature the caller's configuration must have.
	 * @return the feature, or {@code null} when any configuration allows the action
	 */
	public @Nullable PortalFeature feature() {
		return this.feature;
	}

	/**
	 * Whether the action changes billing, so only owners may do it.
	 * @return {@code true} for owner-only actions
	 */
	public boolean changesBilling() {
		return this.changesBilling;
	}

	/**
	 * The action's name in the audit trail and metrics, {@code cancel_subscription} for example.
	 * @return the name
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
