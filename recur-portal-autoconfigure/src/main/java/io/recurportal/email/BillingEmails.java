package io.recurportal.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Subscription;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.webhook.PaymentFailedEvent;
import io.recurportal.webhook.PaymentMethodAttachedEvent;
import io.recurportal.webhook.PortalBillingEvent;
import io.recurportal.webhook.SubscriptionCancelScheduledEvent;
import io.recurportal.webhook.SubscriptionCanceledEvent;
import io.recurportal.webhook.SubscriptionPlanChangedEvent;
import io.recurportal.webhook.SubscriptionReactivatedEvent;

/**
 * Sends billing emails to customers when the portal publishes a
 * {@link PortalBillingEvent}: once per provider event and kind, however often the event
 * is delivered and on however many instances, because each email is claimed in a
 * {@link SentEmailStore} before it is sent. The work (reading the customer, writing the
 * email) runs on an executor, off the thread that published the event.
 * <p>
 * The recipient is the customer's billing email as the provider has it, and the language
 * the first of the customer's preferred languages the portal speaks, or the default one.
 */
public final class BillingEmails implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(BillingEmails.class);

	private static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);

	private final BillingGateway gateway;

	private final AccountSnapshots snapshots;

	private final PortalSessions sessions;

	private final SentEmailStore store;

	private final BillingEmailSender sender;

	private final Executor executor;

	private final Settings settings;

	private final Clock clock;

	private final Object cleanupLock = new Object();

	private @Nullable Instant nextCleanup;

	/**
	 * Creates the service.
	 * @param gateway where customers, invoices and payment methods are read
	 * @param snapshots the customers as last read, kept for the portal's next view
	 * @param sessions where the links of payment-failed emails are created
	 * @param store the emails already sent
	 * @param sender delivers the emails
	 * @param executor where emails are prepared and sent; shut down on {@link #close()}
	 * when it is an {@link ExecutorService}
	 * @param settings which kinds are sent, and how
	 * @param clock the clock claims are stamped with
	 */
	public BillingEmails(BillingGateway gateway, AccountSnapshots snapshots, PortalSessions sessions,
			SentEmailStore store, BillingEmailSender sender, Executor executor, Settings settings, Clock clock) {
		Assert.notNull(gateway, "'gateway' must not be null");
		Assert.notNull(snapshots, "'snapshots' must not be null");
		Assert.notNull(sessions, "'sessions' must not be null");
		Assert.notNull(store, "'store' must not be null");
		Assert.notNull(sender, "'sender' must not be null");
		Assert.notNull(executor, "'executor' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.gateway = gateway;
		this.snapshots = snapshots;
		this.sessions = sessions;
		this.store = store;
		this.sender = sender;
		this.executor = executor;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Sends the email an event calls for, if its kind is switched on.
	 * @param event the event
	 */
	@EventListener
	public void onBillingEvent(PortalBillingEvent event) {
		BillingEmailKind kind = kindOf(event);
		if (kind == null || !this.settings.kinds().contains(kind)) {
			return;
		}
		try {
			this.executor.execute(() -> deliver(event, kind));
		}
		catch (RejectedExecutionException ex) {
			logger.warn("recur-portal: too many billing emails at once; the " + kind.key() + " email of event "
					+ event.eventId() + " was dropped");
		}
	}

	private void deliver(PortalBillingEvent event, BillingEmailKind kind) {
		String claimId = UUID.randomUUID().toString();
		Instant now = this.clock.instant();
		cleanUp(now);
		if (!this.store.claim(event.eventId(), kind.key(), claimId, now)) {
			logger.debug("The " + kind.key() + " email of event " + event.eventId() + " was sent already");
			return;
		}
		try {
			BillingEmail email = compose(event, kind);
			if (email == null) {
				return;
			}
			this.sender.send(email);
			logger.debug("Sent " + email);
		}
		catch (RuntimeException ex) {
			// Released, so a later delivery of the same event may try again.
			this.store.release(event.eventId(), kind.key(), claimId);
			String reason = (ex instanceof PortalException portal) ? portal.getErrorCode().code()
					: ex.getClass().getName();
			logger.warn("recur-portal: the " + kind.key() + " email of event " + event.eventId()
					+ " could not be sent: " + reason);
			logger.debug("Billing email failure", ex);
		}
	}

	// Claims older than the retention are forgotten now and then, by whichever instance sends.
	private void cleanUp(Instant now) {
		synchronized (this.cleanupLock) {
			if (this.nextCleanup != null && now.isBefore(this.nextCleanup)) {
				return;
			}
			this.nextCleanup = now.plus(CLEANUP_INTERVAL);
		}
		try {
			this.store.deleteClaimedBefore(now.minus(this.settings.retention()));
		}
		catch (RuntimeException ex) {
			logger.warn("recur-portal: could not delete old sent-email records: " + ex.getClass().getName());
		}
	}

	private @Nullable BillingEmail compose(PortalBillingEvent event, BillingEmailKind kind) {
		Customer customer = customer(event.accountId(), customerIdOf(event));
		if (!StringUtils.hasText(customer.email())) {
			logger.info("recur-portal: the " + kind.key() + " email of event " + event.eventId()
					+ " was not sent: the customer has no billing email");
			return null;
		}
		Locale locale = localeOf(customer);
		PortalConfiguration.Branding branding = this.settings.configuration().branding();
		if (event instanceof SubscriptionReactivatedEvent reactivated) {
			return subscriptionEmail(kind, event, customer, locale, branding, reactivated.subscription(),
					reactivated.subscription().currentPeriodEnd());
		}
		if (event instanceof SubscriptionCancelScheduledEvent scheduled) {
			return subscriptionEmail(kind, event, customer, locale, branding, scheduled.subscription(),
					scheduled.subscription().currentPeriodEnd());
		}
		if (event instanceof SubscriptionCanceledEvent canceled) {
			return subscriptionEmail(kind, event, customer, locale, branding, canceled.subscription(),
					endOf(canceled.subscription()));
		}
		if (event instanceof SubscriptionPlanChangedEvent changed) {
			Subscription subscription = changed.subscription();
			return new BillingEmail(kind, event.eventId(), customer.email(), locale, branding, planName(subscription),
					changed.previousPrice().product().name(), subscription.currentPeriodEnd(),
					new BillingEmail.Amount(subscription.price().unitAmount(), subscription.price().currency()), null,
					null);
		}
		if (event instanceof PaymentFailedEvent failed) {
			return new BillingEmail(kind, event.eventId(), customer.email(), locale, branding, null, null, null,
					amountDue(failed.invoiceId()), null, portalUrl(customer, locale));
		}
		if (event instanceof PaymentMethodAttachedEvent attached) {
			return new BillingEmail(kind, event.eventId(), customer.email(), locale, branding, null, null, null, null,
					paymentMethod(attached.paymentMethodId()), null);
		}
		return null;
	}

	private static BillingEmail subscriptionEmail(BillingEmailKind kind, PortalBillingEvent event, Customer customer,
			Locale locale, PortalConfiguration.Branding branding, Subscription subscription, @Nullable Instant date) {
		return new BillingEmail(kind, event.eventId(), customer.email(), locale, branding, planName(subscription),
				null, date, null, null, null);
	}

	private static String planName(Subscription subscription) {
		return subscription.price().product().name();
	}

	private static @Nullable Instant endOf(Subscription subscription) {
		return (subscription.endedAt() != null) ? subscription.endedAt() : subscription.canceledAt();
	}

	private Customer customer(String accountId, String customerId) {
		// Kept as the portal's snapshot: the customer's next portal view costs no call.
		Customer customer = this.snapshots.customer(accountId, () -> read(customerId));
		return customer.id().equals(customerId) ? customer : read(customerId);
	}

	private Customer read(String customerId) {
		return this.gateway.findCustomer(customerId)
			.orElseThrow(() -> new PortalException(PortalErrorCode.CUSTOMER_NOT_FOUND, "No such customer."));
	}

	private BillingEmail.@Nullable Amount amountDue(String invoiceId) {
		Optional<Invoice> invoice = this.gateway.findInvoice(invoiceId);
		return invoice.map((found) -> new BillingEmail.Amount(found.amountDue(), found.currency())).orElse(null);
	}

	private @Nullable PaymentMethod paymentMethod(String paymentMethodId) {
		return this.gateway.findPaymentMethod(paymentMethodId).orElse(null);
	}

	// A one-time link that opens the portal, on the configured origin only; none without one.
	private @Nullable String portalUrl(Customer customer, Locale locale) {
		String url = this.sessions
			.createForEmail(new PortalSessionRequest(customer.id(), null, null, null,
					this.settings.configuration().id(), locale.toLanguageTag(), this.settings.linkTtl(), true))
			.url();
		return url.startsWith("/") ? null : url;
	}

	Locale localeOf(Customer customer) {
		for (String preferred : customer.preferredLocales()) {
			Optional<String> supported = PortalSessions.supportedLocale(preferred);
			if (supported.isPresent()) {
				return Locale.forLanguageTag(supported.get());
			}
		}
		return this.settings.defaultLocale();
	}

	private static String customerIdOf(PortalBillingEvent event) {
		if (event instanceof SubscriptionReactivatedEvent reactivated) {
			return reactivated.subscription().customerId();
		}
		if (event instanceof SubscriptionCancelScheduledEvent scheduled) {
			return scheduled.subscription().customerId();
		}
		if (event instanceof SubscriptionCanceledEvent canceled) {
			return canceled.subscription().customerId();
		}
		if (event instanceof SubscriptionPlanChangedEvent changed) {
			return changed.subscription().customerId();
		}
		if (event instanceof PaymentFailedEvent failed) {
			return failed.customerId();
		}
		if (event instanceof PaymentMethodAttachedEvent attached) {
			return attached.customerId();
		}
		throw new IllegalArgumentException("No billing email for " + event.getClass().getSimpleName());
	}

	/**
	 * The kind of email an event calls for.
	 * @param event the event
	 * @return the kind, or {@code null} when the event calls for none
	 */
	static @Nullable BillingEmailKind kindOf(PortalBillingEvent event) {
		if (event instanceof SubscriptionReactivatedEvent) {
			return BillingEmailKind.SUBSCRIPTION_REACTIVATED;
		}
		if (event instanceof PaymentFailedEvent) {
			return BillingEmailKind.PAYMENT_FAILED;
		}
		if (event instanceof PaymentMethodAttachedEvent) {
			return BillingEmailKind.PAYMENT_METHOD_ADDED;
		}
		if (event instanceof SubscriptionCanceledEvent) {
			return BillingEmailKind.SUBSCRIPTION_CANCELED;
		}
		if (event instanceof SubscriptionCancelScheduledEvent) {
			return BillingEmailKind.SUBSCRIPTION_CANCEL_SCHEDULED;
		}
		if (event instanceof SubscriptionPlanChangedEvent) {
			return BillingEmailKind.PLAN_CHANGED;
		}
		return null;
	}

	/**
	 * Stops taking work; emails being sent are still sent.
	 */
	@Override
	public void close() {
		if (this.executor instanceof ExecutorService service) {
			service.shutdown();
		}
	}

	/**
	 * Which emails are sent, and how.
	 *
	 * @param kinds the kinds switched on
	 * @param configuration the portal configuration whose branding the emails carry and
	 * whose portal their links open
	 * @param defaultLocale the language of customers who prefer none the portal speaks
	 * @param linkTtl how long the portal link of a payment-failed email may be opened
	 * @param retention how long sent emails are remembered, so a redelivered event sends
	 * none again; longer than the provider redelivers
	 */
	public record Settings(Set<BillingEmailKind> kinds, PortalConfiguration configuration, Locale defaultLocale,
			Duration linkTtl, Duration retention) {

		public Settings {
			kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
			Assert.isTrue(!linkTtl.isNegative() && !linkTtl.isZero()
					&& linkTtl.compareTo(PortalSessions.MAX_LINK_LIFETIME) <= 0,
					"recur.portal.emails.link-ttl must be positive and at most 24 hours");
			Assert.isTrue(!retention.isNegative() && !retention.isZero(), "retention must be positive");
		}

	}

}
