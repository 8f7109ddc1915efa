package io.recurportal.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.recurportal.access.PortalCaller;
import io.recurportal.account.AccountContext;
import io.recurportal.audit.AuditedActions;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.EmailAddresses;
import io.recurportal.billing.IdempotencyKeys;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.login.LoginRateLimiter;
import io.recurportal.session.PortalLinks;
import io.recurportal.session.PortalTokens;

/**
 * Changing a customer's billing email only once the new address confirms it. Every
 * lookup by email (the server API, the static login link, entitlements) trusts the
 * billing email, so a customer who could set another customer's address would be
 * found, and signed in, as that customer. A change therefore sends a one-time link to
 * the new address; the email changes when that link's page is confirmed with a
 * {@code POST}, so a mail scanner that merely opens the link changes nothing.
 */
public final class EmailChanges {

	/** How long a confirmation link works. */
	public static final Duration LINK_LIFETIME = Duration.ofHours(24);

	static final String CONFIRM_ACTION = "confirm_email";

	private static final Log logger = LogFactory.getLog(EmailChanges.class);

	private final BillingGateway gateway;

	private final EmailChangeStore store;

	private final @Nullable EmailChangeLinkSender sender;

	private final PortalLinks links;

	private final AuditedActions audited;

	private final Clock clock;

	private final LoginRateLimiter limiter;

	private final int maxPerWindow;

	private final Duration window;

	/**
	 * Creates the service.
	 * @param gateway where the confirmed email is saved
	 * @param store where changes wait for confirmation
	 * @param sender how links are delivered, or {@code null} when there is no way to
	 * deliver them, in which case the email cannot be changed in the portal
	 * @param links where the links point
	 * @param audited the audit trail of the confirmations
	 * @param clock the clock for expiry and rate-limit windows
	 * @param limiter counts change requests, per customer and per new address, as login
	 * links are counted (shared across instances with the JDBC store)
	 * @param maxPerWindow how many changes one customer, and one new address, may ask
	 * for per window
	 * @param window the length of a rate-limit window
	 */
	public EmailChanges(BillingGateway gateway, EmailChangeStore store, @Nullable EmailChangeLinkSender sender,
			PortalLinks links, AuditedActions audited, Clock clock, LoginRateLimiter limiter, int maxPerWindow,
			Duration window) {
		Assert.notNull(gateway, "gateway must not be null");
		Assert.notNull(store, "store must not be null");
		Assert.notNull(links, "links must not be null");
		Assert.notNull(audited, "audited must not be null");
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(limiter, "limiter must not be null");
		Assert.notNull(window, "window must not be null");
		this.gateway = gateway;
		this.store = store;
		this.sender = sender;
		this.links = links;
		this.audited = audited;
		this.clock = clock;
		this.limiter = limiter;
		this.maxPerWindow = maxPerWindow;
		this.window = window;
	}

	/**
	 * Counts a change request against its limits before anything is saved or sent: each
	 * one mails an address the customer names, so neither one customer nor one address
	 * gets more than the limit's confirmations per window.
	 * @param customerId the customer who asks
	 * @param email the new address
	 * @return {@code true} when the request may go ahead and was counted, {@code false}
	 * when a limit is reached
	 */
	public boolean tryAcquire(String customerId, String email) {
		Instant now = this.clock.instant();
		// One normal form for the limit: every spelling of an address counts as that address.
		return this.limiter.tryAcquire("email-change-customer:" + customerId, this.maxPerWindow, this.window, now)
				&& this.limiter.tryAcquire("email-change-email:" + EmailAddresses.normalize(email),
						this.maxPerWindow, this.window, now);
	}

	/**
	 * Whether confirmation links can be delivered, and so emails changed.
	 * @return {@code true} when there is a sender
	 */
	public boolean isAvailable() {
		// An emailed link must be absolute, and its origin is configuration's alone.
		return this.sender != null && this.links.isAbsolute();
	}

	/**
	 * Asks the new address to confirm a change: replaces the customer's earlier pending
	 * change and sends a link to the new address.
	 * @param caller the owner who asks
	 * @param customer the caller's customer
	 * @param email the new address
	 * @param locale the language of the page, and so of the email
	 * @throws PortalException {@code invalid_request} when links cannot be delivered,
	 * {@code provider_unavailable} when sending this one failed
	 */
	public void request(PortalCaller caller, Customer customer, String email, Locale locale) {
		EmailChangeLinkSender sender = this.sender;
		if (sender == null || !this.links.isAbsolute()) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST,
					"The billing email cannot be changed here: no mail sender or base URL is configured.");
		}
		Instant now = this.clock.instant();
		String token = PortalTokens.generate();
		String normalized = EmailAddresses.normalize(email);
		this.store.save(new PendingEmailChange(customer.id(), caller.account().accountId(), caller.account().userId(),
				normalized, caller.configuration().id(), locale.toLanguageTag(), now, now.plus(LINK_LIFETIME)),
				PortalTokens.hash(token));
		try {
			sender.send(new EmailChangeLink(normalized, this.links.emailChangeUrl(token), locale,
					caller.configuration().branding(), LINK_LIFETIME));
		}
		catch (RuntimeException ex) {
			logger.warn("recur-portal: an email change confirmation could not be sent: " + ex.getClass().getName());
			logger.debug("Email change confirmation failure", ex);
			throw new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE,
					"The confirmation email could not be sent; please try again.");
		}
	}

	/**
	 * The change a customer is waiting to confirm.
	 * @param customerId the customer
	 * @return the change, if one may still be confirmed
	 */
	public Optional<PendingEmailChange> pending(String customerId) {
		return this.store.findByCustomerId(customerId, this.clock.instant());
	}

	/**
	 * The change a link would confirm, without confirming it.
	 * @param token the link's token
	 * @return the change, if the link still works
	 */
	public Optional<PendingEmailChange> find(String token) {
		if (!PortalTokens.isWellFormed(token)) {
			return Optional.empty();
		}
		return this.store.findByTokenHash(PortalTokens.hash(token), this.clock.instant());
	}

	/**
	 * Confirms a change: the link works once, even when opened on several instances at
	 * the same moment. The other profile fields are kept as they are now.
	 * @param token the link's token
	 * @return the change that was made, unless the link was unknown, replaced, used or
	 * expired
	 * @throws PortalException when the provider could not save it; the link then works
	 * again
	 */
	public Optional<PendingEmailChange> confirm(String token) {
		if (!PortalTokens.isWellFormed(token)) {
			return Optional.empty();
		}
		String tokenHash = PortalTokens.hash(token);
		Optional<PendingEmailChange> redeemed = this.store.redeem(tokenHash, this.clock.instant());
		redeemed.ifPresent((change) -> {
			try {
				apply(change, tokenHash);
			}
			catch (RuntimeException ex) {
				// Not saved: the link works again, unless a newer change was asked for meanwhile.
				if (this.store.findByCustomerId(change.customerId(), this.clock.instant()).isEmpty()) {
					this.store.save(change, tokenHash);
				}
				throw ex;
			}
		});
		return redeemed;
	}

	private void apply(PendingEmailChange change, String tokenHash) {
		AccountContext account = new AccountContext(change.accountId(), change.userId(), Set.of(), true);
		this.audited.perform(account, CONFIRM_ACTION, change.customerId(), () -> {
			Customer customer = this.gateway.findCustomer(change.customerId())
				.orElseThrow(() -> new PortalException(PortalErrorCode.CUSTOMER_NOT_FOUND,
						"The customer no longer exists."));
			return this.gateway.updateCustomer(customer.id(),
					new CustomerProfileUpdate(customer.name(), change.email(), customer.phone(), customer.address(),
							customer.taxId()),
					IdempotencyKeys.derive(change.accountId(), CONFIRM_ACTION, customer.id(), tokenHash));
		});
		logger.debug("Billing email change confirmed for customer " + change.customerId());
	}

}
