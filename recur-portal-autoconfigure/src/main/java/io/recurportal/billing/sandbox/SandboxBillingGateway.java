package io.recurportal.billing.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Discount;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceDocument;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.NewCustomer;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Price;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.ProrationPreview;
import io.recurportal.billing.ProviderInfo;
import io.recurportal.billing.ProviderStatus;
import io.recurportal.billing.RetentionCoupon;
import io.recurportal.billing.RetentionOfferStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.metrics.PortalMetrics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An in-memory {@link BillingGateway} that behaves like Stripe in test mode: the
 * subscription state machine with past due and unpaid ("on hold"), proration, invoices
 * with numbers, credit balance and PDFs, test cards that succeed or decline, checkout
 * sessions, and idempotency keys kept for 24 hours.
 * <p>
 * Time is the {@link SandboxClock}'s: {@link #advanceClock(Duration)} moves it and runs
 * everything that falls due, in order. Every call also catches up first, so a gateway on
 * {@link SandboxClock#system()} renews subscriptions as real time passes.
 * <p>
 * Thread-safe: one lock guards all state. A call that changes billing works on a copy of
 * the state and keeps it only when it succeeds, so a declined charge changes nothing.
 */
public final class SandboxBillingGateway implements BillingGateway {

	private static final Log logger = LogFactory.getLog(SandboxBillingGateway.class);

	private static final ProviderInfo PROVIDER_INFO = new ProviderInfo("sandbox", null, false);

	/** How many mutations {@link #mutations()} keeps; {@link #mutationCount()} counts all. */
	private static final int MUTATIONS_KEPT = 1000;

	private final ReentrantLock lock = new ReentrantLock();

	private final SandboxClock clock;

	private final SandboxSettings settings;

	private final SandboxCatalog catalog;

	private final BillingCycle billingCycle;

	private final IdempotencyStore idempotency = new IdempotencyStore();

	private final InvoicePdfRenderer pdfRenderer = new InvoicePdfRenderer();

	private final Deque<SandboxMutation> mutations = new ArrayDeque<>();

	private long mutationCount;

	private volatile @Nullable Consumer<SandboxEvent> eventListener;

	private PortalMetrics metrics = PortalMetrics.none();

	private final Queue<SandboxEvent> pendingEvents = new ConcurrentLinkedQueue<>();

	// Set while this thread hands events to the listener, whose own calls only queue more.
	private final ThreadLocal<Boolean> dispatching = ThreadLocal.withInitial(() -> false);

	private SandboxLedger ledger;

	/**
	 * Creates a sandbox holding a seed's catalog, customers and subscriptions as of the
	 * clock's time.
	 * @param clock the clock
	 * @param seed what the sandbox starts with
	 * @param settings how it behaves
	 */
	public SandboxBillingGateway(SandboxClock clock, SandboxSeed seed, SandboxSettings settings) {
		Assert.notNull(clock, "'clock' must not be null");
		Assert.notNull(seed, "'seed' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.clock = clock;
		this.settings = settings;
		this.billingCycle = new BillingCycle(settings.pastDueGracePeriod());
		Instant now = clock.instant();
		this.ledger = new SandboxSeeder(settings.pastDueGracePeriod()).seed(seed, now);
		this.catalog = this.ledger.catalog();
		this.billingCycle.runUntil(this.ledger, now);
	}

	@Override
	public ProviderInfo providerInfo() {
		return PROVIDER_INFO;
	}

	// Customers

	@Override
	public Optional<Customer> findCustomer(String customerId) {
		return read("customer.retrieve", (ledger) -> ledger.customer(customerId).map((customer) -> customer.toCustomerWithDefaultCard(ledger)));
	}

	@Override
	public Optional<Customer> findCustomerByExternalId(String externalId) {
		return read("customer.search", (ledger) -> CustomerDirectory.findByExternalId(ledger, externalId)
			.map((customer) -> customer.toCustomerWithDefaultCard(ledger)));
	}

	@Override
	public Optional<Customer> findCustomerByEmail(String email) {
		return read("customer.list", (ledger) -> CustomerDirectory.findByEmail(ledger, email)
			.map((customer) -> customer.toCustomerWithDefaultCard(ledger)));
	}

	@Override
	public Customer createCustomer(NewCustomer customer, String idempotencyKey) {
		return mutate("customer.create", idempotencyKey, Customer.class, (ledger, now) -> {
			CustomerDirectory.Created created = CustomerDirectory.create(ledger, customer, now);
			Customer result = created.customer().toCustomer();
			return created.created() ? Outcome.changed(result, result.id()) : Outcome.unchanged(result);
		}, customer);
	}

	@Override
	public Customer updateCustomer(String customerId, CustomerProfileUpdate update, String idempotencyKey) {
		return mutate("customer.update", idempotencyKey, Customer.class,
				(ledger, now) -> Outcome.changed(CustomerDirectory.update(ledger, customerId, update).toCustomer(),
						customerId),
				customerId, update);
	}

	// Catalog

	@Override
	public List<Price> listPrices() {
		return measured("price.list", this.catalog::activePrices);
	}

	@Override
	public Optional<Price> findPrice(String priceId) {
		return measured("price.retrieve", () -> this.catalog.findPrice(priceId));
	}

	// Subscriptions

	@Override
	public List<Subscription> listSubscriptions(String customerId) {
		return read("subscription.list", (ledger) -> ledger.subscriptionsOf(customerId)
			.stream()
			.map((subscription) -> toSubscription(ledger, subscription))
			.toList());
	}

	@Override
	public Optional<Subscription> findSubscription(String subscriptionId) {
		return read("subscription.retrieve", (ledger) -> ledger.subscription(subscriptionId)
			.map((subscription) -> toSubscription(ledger, subscription)));
	}

	@Override
	public Subscription cancel(String subscriptionId, CancelTiming timing, CancellationReason reason,
			String idempotencyKey) {
		return changeSubscription("subscription.cancel", idempotencyKey, subscriptionId,
				(ledger, subscription, now) -> SubscriptionStateMachine.cancel(subscription, timing, reason, now), timing,
				reason);
	}

	@Override
	public Subscription reactivate(String subscriptionId, String idempotencyKey) {
		return changeSubscription("subscription.reactivate", idempotencyKey, subscriptionId,
				(ledger, subscription, now) -> SubscriptionStateMachine.reactivate(subscription));
	}

	@Override
	public Subscription pause(String subscriptionId, @Nullable Instant resumesAt, String idempotencyKey) {
		return changeSubscription("subscription.pause", idempotencyKey, subscriptionId,
				(ledger, subscription, now) -> SubscriptionStateMachine.pause(subscription, resumesAt, now), resumesAt);
	}

	@Override
	public Subscription resume(String subscriptionId, String idempotencyKey) {
		return changeSubscription("subscription.resume", idempotencyKey, subscriptionId,
				(ledger, subscription, now) -> SubscriptionStateMachine.resume(subscription, now));
	}

	/**
	 * Percentages only: the sandbox has no coupons of its own to name.
	 */
	@Override
	public Optional<Discount> describeRetentionCoupon(RetentionCoupon coupon) {
		if (coupon.percentOff() == null || coupon.durationInMonths() == null) {
			return Optional.empty();
		}
		return Optional.of(Discount.percent(couponId(coupon), coupon.percentOff(), coupon.durationInMonths(), null));
	}

	@Override
	public Subscription applyRetentionOffer(String subscriptionId, RetentionCoupon coupon, String idempotencyKey) {
		Discount offered = describeRetentionCoupon(coupon)
			.orElseThrow(() -> new PortalException(PortalErrorCode.RETENTION_OFFER_NOT_AVAILABLE,
					"The sandbox applies percentage offers only."));
		return changeSubscription("subscription.update_discounts", idempotencyKey, subscriptionId,
				(ledger, subscription, now) -> {
					if (subscription.isEnded()) {
						throw new PortalException(PortalErrorCode.INVALID_SUBSCRIPTION_STATE,
								"An ended subscription cannot get a discount.");
					}
					// Another key for an offer already accepted: a second acceptance, not a retry.
					if (subscription.retentionOffer == RetentionOfferStatus.ACCEPTED) {
						throw new PortalException(PortalErrorCode.RETENTION_OFFER_NOT_AVAILABLE,
								"The offer was accepted before.");
					}
					Integer months = offered.durationInMonths();
					Instant end = (months != null) ? ZonedDateTime.ofInstant(now, ZoneOffset.UTC)
						.plusMonths(months)
						.toInstant() : null;
					subscription.discount = new Discount(offered.couponId(), offered.percentOff(), null, null, months,
							end);
					subscription.retentionOffer = RetentionOfferStatus.ACCEPTED;
				}, coupon);
	}

	@Override
	public Subscription recordRetentionOffer(String subscriptionId, RetentionOfferStatus status,
			String idempotencyKey) {
		return changeSubscription("subscription.update_metadata", idempotencyKey, subscriptionId,
				(ledger, subscription, now) -> subscription.retentionOffer = status, status);
	}

	// The same offer is the same coupon, as a merchant would create it once in Stripe.
	private static String couponId(RetentionCoupon coupon) {
		return "sandbox_" + coupon.percentOff() + "off_" + coupon.durationInMonths() + "m";
	}

	@Override
	public ProrationPreview previewPriceChange(String subscriptionId, String newPriceId,
			ProrationBehavior prorationBehavior) {
		return read("invoice.create_preview", (ledger, now) -> {
			SandboxSubscription subscription = ledger.requireSubscription(subscriptionId);
			return PriceChanges.plan(ledger, subscription, newPriceId, prorationBehavior, now).toPreview(subscriptionId);
		});
	}

	@Override
	public ProrationPreview previewChange(String subscriptionId, String newPriceId, int quantity,
			ProrationBehavior prorationBehavior) {
		return read("invoice.create_preview", (ledger, now) -> {
			SandboxSubscription subscription = ledger.requireSubscription(subscriptionId);
			return PriceChanges.plan(ledger, subscription, newPriceId, quantity, prorationBehavior, now)
				.toPreview(subscriptionId);
		});
	}

	@Override
	public Subscription change(String subscriptionId, String newPriceId, int quantity,
			ProrationBehavior prorationBehavior, String idempotencyKey) {
		return changeSubscription("subscription.change", idempotencyKey, subscriptionId,
				(ledger, subscription, now) -> PriceChanges.apply(ledger, subscription,
						PriceChanges.plan(ledger, subscription, newPriceId, quantity, prorationBehavior, now), now),
				newPriceId, quantity, prorationBehavior);
	}

	@Override
	public Subscription changePrice(String subscriptionId, String newPriceId, ProrationBehavior prorationBehavior,
			String idempotencyKey) {
		return changeSubscription("subscription.change_price", idempotencyKey, subscriptionId,
				(ledger, subscription, now) -> PriceChanges.apply(ledger, subscription,
						PriceChanges.plan(ledger, subscription, newPriceId, prorationBehavior, now), now),
				newPriceId, prorationBehavior);
	}

	// Invoices

	@Override
	public List<Invoice> listInvoices(String customerId, int limit) {
		if (limit < 1) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "The limit must be at least 1.");
		}
		return read("invoice.list", (ledger) -> ledger.invoicesOf(customerId)
			.stream()
			.limit(limit)
			.map(SandboxInvoice::toInvoice)
			.toList());
	}

	@Override
	public Optional<Invoice> findInvoice(String invoiceId) {
		return read("invoice.retrieve", (ledger) -> ledger.invoice(invoiceId).map(SandboxInvoice::toInvoice));
	}

	@Override
	public InvoiceDocument invoicePdf(String invoiceId) {
		InvoiceAndCustomer found = read("invoice.pdf", (ledger) -> {
			SandboxInvoice invoice = ledger.requireInvoice(invoiceId);
			if (invoice.status == InvoiceStatus.DRAFT) {
				throw new PortalException(PortalErrorCode.INVALID_REQUEST,
						"A draft invoice has no PDF until it is finalized.");
			}
			return new InvoiceAndCustomer(invoice.toInvoice(), ledger.requireCustomer(invoice.customerId).toCustomer());
		});
		// Drawn outside the lock: the records are immutable and drawing takes a while.
		return this.pdfRenderer.render(found.invoice(), found.customer());
	}

	@Override
	public Invoice payInvoice(String invoiceId, @Nullable String paymentMethodId, String idempotencyKey) {
		return mutate("invoice.pay", idempotencyKey, Invoice.class,
				(ledger, now) -> Outcome.changed(
						InvoicePayments.pay(ledger, invoiceId, paymentMethodId, now).toInvoice(), invoiceId),
				invoiceId, paymentMethodId);
	}

	// Payment methods

	@Override
	public List<PaymentMethod> listPaymentMethods(String customerId) {
		return read("payment_method.list", (ledger) -> ledger.cardsOf(customerId).stream().map(SavedCard::method).toList());
	}

	@Override
	public Optional<PaymentMethod> findPaymentMethod(String paymentMethodId) {
		return read("payment_method.retrieve", (ledger) -> ledger.card(paymentMethodId).map(SavedCard::method));
	}

	@Override
	public Customer setDefaultPaymentMethod(String customerId, String paymentMethodId, String idempotencyKey) {
		return mutate("customer.set_default_payment_method", idempotencyKey, Customer.class,
				(ledger, now) -> Outcome.changed(
						SavedCards.setDefault(ledger, customerId, paymentMethodId).toCustomer(), customerId),
				customerId, paymentMethodId);
	}

	@Override
	public void detachPaymentMethod(String customerId, String paymentMethodId, String idempotencyKey) {
		mutate("payment_method.detach", idempotencyKey, PaymentMethod.class,
				(ledger, now) -> Outcome.changed(SavedCards.detach(ledger, customerId, paymentMethodId).method(),
						paymentMethodId),
				customerId, paymentMethodId);
	}

	// Checkout

	@Override
	public CheckoutSession createCheckoutSession(CheckoutSessionRequest request, String idempotencyKey) {
		return mutate("checkout_session.create", idempotencyKey, CheckoutSession.class, (ledger, now) -> {
			CheckoutSession session = CheckoutSessions.create(ledger, request, this.settings, now).toCheckoutSession();
			return Outcome.changed(session, session.id());
		}, request);
	}

	@Override
	public Optional<CheckoutSession> findCheckoutSession(String sessionId) {
		return read("checkout.session.retrieve", (ledger) -> ledger.checkoutSession(sessionId).map(SandboxCheckoutSession::toCheckoutSession));
	}

	// Sandbox only

	/**
	 * The metadata of a checkout session, which names the account that made it, so the
	 * sandbox's checkout page can serve that account alone.
	 * @param sessionId the checkout session
	 * @return its metadata, or empty when there is no such session
	 */
	public Optional<Map<String, String>> findCheckoutSessionMetadata(String sessionId) {
		return read("checkout.session.retrieve", (ledger) -> ledger.checkoutSession(sessionId)
			.map((session) -> session.metadata));
	}

	/**
	 * Moves the sandbox clock forward and runs everything that falls due meanwhile, in
	 * order and each at its own time: renewals (several periods if the move is long),
	 * trial ends, cancellations at period end, paused subscriptions resuming, past-due
	 * subscriptions becoming unpaid after the grace period, checkout sessions and
	 * idempotency keys expiring.
	 * @param duration how far, zero or positive
	 */
	public void advanceClock(Duration duration) {
		Assert.notNull(duration, "'duration' must not be null");
		Assert.isTrue(!duration.isNegative(), "'duration' must not be negative");
		locked(() -> {
			this.clock.advance(duration);
			return catchUp();
		});
	}

	/**
	 * Saves a card to a customer, as Stripe attaches a payment method; it does not become
	 * the default. Test cards decline as on Stripe: {@code 4000 0000 0000 0002} and
	 * {@code 4000 0000 0000 9995} are declined here, {@code 4000 0000 0000 0341} saves and
	 * then fails every charge.
	 * @param customerId the customer
	 * @param cardNumber the card number, spaces allowed
	 * @param expMonth the expiry month
	 * @param expYear the expiry year, two or four digits
	 * @param idempotencyKey the key of this action
	 * @return the saved payment method
	 * @throws PortalException {@code customer_not_found}; {@code invalid_card} when the
	 * number fails the Luhn check or the card has expired; {@code payment_failed} when the
	 * card is declined
	 */
	public PaymentMethod attachCard(String customerId, String cardNumber, int expMonth, int expYear,
			String idempotencyKey) {
		Assert.notNull(cardNumber, "'cardNumber' must not be null");
		CardDetails card = TestCards.read(cardNumber, expMonth, expYear);
		return mutate("payment_method.attach", idempotencyKey, PaymentMethod.class, (ledger, now) -> {
			SandboxCustomer customer = ledger.requireCustomer(customerId);
			PaymentMethod method = SavedCards.attach(ledger, customer, card, now).method();
			return Outcome.changed(method, method.id());
		}, customerId, card.fingerprint(), card.expMonth(), card.expYear());
	}

	/**
	 * Does what the customer does on the checkout page: enters a card and confirms.
	 * <ul>
	 * <li>Subscription mode: saves the card, starts a subscription to the session's price
	 * paid with it and charges the first invoice. The card becomes the customer's default
	 * when the customer has none.</li>
	 * <li>Setup mode: saves the card and makes it the default of the customer and of the
	 * session's subscription, if any.</li>
	 * </ul>
	 * When anything fails nothing changes and the session stays open, so the customer can
	 * try another card. Completing a completed session changes nothing and returns it as
	 * it is, so a double submit cannot subscribe twice.
	 * @param sessionId the session
	 * @param cardNumber the card number, spaces allowed
	 * @param expMonth the expiry month
	 * @param expYear the expiry year, two or four digits
	 * @return the completed session, with the subscription and payment method
	 * @throws PortalException {@code checkout_session_not_found}; {@code invalid_request}
	 * when the session expired (24 hours after it was created); {@code invalid_card};
	 * {@code payment_failed} when the card is declined or the first charge fails
	 */
	public CheckoutSession completeCheckoutSession(String sessionId, String cardNumber, int expMonth, int expYear) {
		Assert.notNull(cardNumber, "'cardNumber' must not be null");
		return mutate("checkout_session.complete", null, CheckoutSession.class, (ledger, now) -> {
			CheckoutSessions.Completed completed = CheckoutSessions.complete(ledger, sessionId,
					() -> TestCards.read(cardNumber, expMonth, expYear), now);
			CheckoutSession session = completed.session().toCheckoutSession();
			return completed.completed() ? Outcome.changed(session, sessionId) : Outcome.unchanged(session);
		});
	}

	/**
	 * Does what the customer does on the checkout page when paying by SEPA Direct Debit:
	 * enters an IBAN and confirms, exactly as {@link #completeCheckoutSession} does with a
	 * card. Any IBAN with valid check digits succeeds, Stripe's test IBAN
	 * {@code DE89 3704 0044 0532 0130 00} among them.
	 * @param sessionId the session
	 * @param iban the IBAN, spaces allowed
	 * @return the completed session, with the subscription and payment method
	 * @throws PortalException {@code checkout_session_not_found}; {@code invalid_request}
	 * when the session expired; {@code invalid_card} when the IBAN is not valid;
	 * {@code payment_failed} when the first charge fails
	 */
	public CheckoutSession completeCheckoutSessionWithBankAccount(String sessionId, String iban) {
		Assert.notNull(iban, "'iban' must not be null");
		return mutate("checkout_session.complete", null, CheckoutSession.class, (ledger, now) -> {
			CheckoutSessions.Completed completed = CheckoutSessions.complete(ledger, sessionId,
					() -> TestBankAccounts.read(iban), now);
			CheckoutSession session = completed.session().toCheckoutSession();
			return completed.completed() ? Outcome.changed(session, sessionId) : Outcome.unchanged(session);
		});
	}

	/**
	 * How many changes callers have made: every mutating call that changed something,
	 * not counting idempotent replays, calls that failed, or what the clock did.
	 * @return the count
	 */
	public long mutationCount() {
		this.lock.lock();
		try {
			return this.mutationCount;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The latest changes callers have made, oldest first (the last 1000).
	 * @return the changes
	 */
	public List<SandboxMutation> mutations() {
		this.lock.lock();
		try {
			return List.copyOf(this.mutations);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The sandbox's clock.
	 * @return the clock
	 */
	public SandboxClock clock() {
		return this.clock;
	}

	/**
	 * Sets who hears of every change the sandbox makes, whether a caller asked for it or
	 * time passing made it (renewals, failed charges, cancellations at period end), as
	 * Stripe's webhook events would tell. The listener is called on the thread of the
	 * call that made the change, after the change and outside the sandbox's lock, so it
	 * may call the sandbox; events that its own calls cause are handed to it next, in
	 * order. A listener that throws is logged and the event dropped.
	 * @param listener the listener, or {@code null} for none
	 */
	public void setEventListener(@Nullable Consumer<SandboxEvent> listener) {
		this.eventListener = listener;
	}

	/**
	 * Sets where the sandbox's calls are recorded, as {@link PortalMetrics#PROVIDER_CALLS}
	 * by operation ({@code customer.retrieve}, {@code subscription.cancel}, ...).
	 * @param metrics the metrics
	 */
	public void setMetrics(PortalMetrics metrics) {
		Assert.notNull(metrics, "'metrics' must not be null");
		this.metrics = metrics;
	}

	// Plumbing

	private Instant catchUp() {
		Instant now = this.clock.instant();
		this.billingCycle.runUntil(this.ledger, now);
		return now;
	}

	private <T> T read(String operation, Function<SandboxLedger, T> query) {
		return read(operation, (ledger, now) -> query.apply(ledger));
	}

	private <T> T read(String operation, BiFunction<SandboxLedger, Instant, T> query) {
		return measured(operation, () -> locked(() -> {
			Instant now = catchUp();
			return query.apply(this.ledger, now);
		}));
	}

	// Timed like a provider call, waiting for the lock included, as a request waits for Stripe.
	private <T> T measured(String operation, Supplier<T> call) {
		long start = System.nanoTime();
		String outcome = "error";
		try {
			T result = call.get();
			outcome = "success";
			return result;
		}
		catch (PortalException ex) {
			outcome = ex.getErrorCode().code();
			throw ex;
		}
		finally {
			this.metrics.providerCall(PROVIDER_INFO.name(), operation, outcome,
					Duration.ofNanos(System.nanoTime() - start));
		}
	}

	/**
	 * Runs work under the lock and then tells the listener what the work changed.
	 */
	private <T> T locked(Supplier<T> work) {
		this.lock.lock();
		try {
			SandboxEvents.Snapshot before = (this.eventListener != null) ? SandboxEvents.snapshot(this.ledger) : null;
			try {
				return work.get();
			}
			finally {
				if (before != null) {
					this.pendingEvents.addAll(SandboxEvents.since(before, this.ledger, this.clock.instant()));
				}
			}
		}
		finally {
			this.lock.unlock();
			dispatchEvents();
		}
	}

	private void dispatchEvents() {
		if (this.dispatching.get()) {
			return;
		}
		this.dispatching.set(true);
		try {
			SandboxEvent event;
			while ((event = this.pendingEvents.poll()) != null) {
				Consumer<SandboxEvent> listener = this.eventListener;
				if (listener == null) {
					continue;
				}
				try {
					listener.accept(event);
				}
				catch (RuntimeException ex) {
					logger.error("The sandbox event listener failed on " + event.type() + " " + event.id(), ex);
				}
			}
		}
		finally {
			this.dispatching.set(false);
		}
	}

	private Subscription changeSubscription(String operation, String idempotencyKey, String subscriptionId,
			SubscriptionChange change, @Nullable Object... arguments) {
		Object[] fingerprint = new Object[arguments.length + 1];
		fingerprint[0] = subscriptionId;
		System.arraycopy(arguments, 0, fingerprint, 1, arguments.length);
		return mutate(operation, idempotencyKey, Subscription.class, (ledger, now) -> {
			SandboxSubscription subscription = ledger.requireSubscription(subscriptionId);
			change.apply(ledger, subscription, now);
			return Outcome.changed(toSubscription(ledger, subscription), subscriptionId);
		}, fingerprint);
	}

	/**
	 * Runs a change on a copy of the ledger and keeps the copy only when the change
	 * succeeds; answers an idempotent retry from the store without running it again.
	 */
	private <T> T mutate(String operation, @Nullable String idempotencyKey, Class<T> type, Mutation<T> mutation,
			@Nullable Object... arguments) {
		if (idempotencyKey != null && idempotencyKey.isBlank()) {
			throw new PortalException(PortalErrorCode.INVALID_REQUEST, "An idempotency key must not be blank.");
		}
		return measured(operation, () -> locked(() -> {
			Instant now = catchUp();
			// Records and maps compare by content, so equal requests match whatever their order.
			List<Object> request = new ArrayList<>();
			request.add(operation);
			request.addAll(Arrays.asList(arguments));
			if (idempotencyKey != null) {
				Optional<T> earlier = this.idempotency.replay(idempotencyKey, request, type, now);
				if (earlier.isPresent()) {
					return earlier.get();
				}
			}
			SandboxLedger working = this.ledger.copy();
			Outcome<T> outcome = mutation.apply(working, now);
			if (outcome.objectId() != null) {
				this.ledger = working;
				record(new SandboxMutation(operation, outcome.objectId(), idempotencyKey, now));
			}
			if (idempotencyKey != null) {
				this.idempotency.remember(idempotencyKey, request, outcome.result(), now);
			}
			return outcome.result();
		}));
	}

	private void record(SandboxMutation mutation) {
		this.mutationCount++;
		this.mutations.addLast(mutation);
		if (this.mutations.size() > MUTATIONS_KEPT) {
			this.mutations.removeFirst();
		}
	}

	private static Subscription toSubscription(SandboxLedger ledger, SandboxSubscription subscription) {
		return subscription.toSubscription(ledger.catalog().price(subscription.priceId));
	}

	/**
	 * A change to the working copy of the ledger.
	 */
	@FunctionalInterface
	private interface Mutation<T> {

		Outcome<T> apply(SandboxLedger ledger, Instant now);

	}

	/**
	 * A change to one subscription in the working copy of the ledger.
	 */
	@FunctionalInterface
	private interface SubscriptionChange {

		void apply(SandboxLedger ledger, SandboxSubscription subscription, Instant now);

	}

	/**
	 * What a mutation answers, and the object it changed; {@code null} when it changed
	 * nothing.
	 */
	private record Outcome<T>(T result, @Nullable String objectId) {

		static <T> Outcome<T> changed(T result, String objectId) {
			return new Outcome<>(result, objectId);
		}

		static <T> Outcome<T> unchanged(T result) {
			return new Outcome<>(result, null);
		}

	}

	private record InvoiceAndCustomer(Invoice invoice, Customer customer) {

	}

	/**
	 * Always available: the sandbox lives in this JVM.
	 */
	@Override
	public ProviderStatus checkConnection() {
		return ProviderStatus.available();
	}

}
