package io.recurportal.billing.stripe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.stripe.model.Coupon;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import io.recurportal.billing.Address;
import io.recurportal.billing.BankAccount;
import io.recurportal.billing.BillingInterval;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Card;
import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutStatus;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Discount;
import io.recurportal.billing.Invoice;
import io.recurportal.billing.InvoiceLine;
import io.recurportal.billing.InvoiceStatus;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.Price;
import io.recurportal.billing.Product;
import io.recurportal.billing.RetentionOfferStatus;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import org.jspecify.annotations.Nullable;

/**
 * Maps stripe-java's model, in the shapes of the API version stripe-java pins, to the
 * portal's provider records.
 * <p>
 * Shapes worth knowing: the current period lives on the subscription items, not the
 * subscription; an invoice names its subscription under
 * {@code parent.subscription_details}; an invoice line names its price under
 * {@code pricing.price_details} and says whether it is a proration under
 * {@code parent.subscription_item_details} (or {@code parent.invoice_item_details}).
 */
final class StripeModelMapper {

	/** Customer metadata holding the host's account id. */
	static final String ACCOUNT_ID_METADATA = "recur_account_id";

	/** Customer metadata holding the tax id shown on invoices. */
	static final String TAX_ID_METADATA = "recur_tax_id";

	/** Checkout and setup intent metadata naming the subscription a new payment method is for. */
	static final String SUBSCRIPTION_ID_METADATA = "subscription_id";

	Customer customer(com.stripe.model.Customer customer) {
		Map<String, String> metadata = metadata(customer.getMetadata());
		com.stripe.model.Customer.InvoiceSettings invoiceSettings = customer.getInvoiceSettings();
		String defaultPaymentMethod = (invoiceSettings != null) ? invoiceSettings.getDefaultPaymentMethod() : null;
		com.stripe.model.PaymentMethod expandedCard = (invoiceSettings != null)
				? invoiceSettings.getDefaultPaymentMethodObject() : null;
		// Stripe's balance is what the customer owes: negative is credit.
		long balance = (customer.getBalance() != null) ? customer.getBalance() : 0;
		return new Customer(customer.getId(), emptyToNull(metadata.get(ACCOUNT_ID_METADATA)), customer.getEmail(),
				customer.getName(), customer.getPhone(), address(customer.getAddress()),
				emptyToNull(metadata.get(TAX_ID_METADATA)), defaultPaymentMethod, Math.max(0, -balance),
				customer.getCurrency(), metadata, (expandedCard != null) ? paymentMethod(expandedCard) : null,
				(customer.getPreferredLocales() != null) ? customer.getPreferredLocales() : List.of());
	}

	private static @Nullable Address address(com.stripe.model.@Nullable Address address) {
		if (address == null) {
			return null;
		}
		Address mapped = new Address(address.getLine1(), address.getLine2(), address.getCity(), address.getState(),
				address.getPostalCode(), address.getCountry());
		return mapped.isEmpty() ? null : mapped;
	}

	/**
	 * Whether a price can be represented: a recurring price with a fixed amount per
	 * interval (not tiered, metered with no amount, or customer-chosen).
	 */
	boolean isMappable(com.stripe.model.Price price) {
		return price.getRecurring() != null && price.getRecurring().getInterval() != null
				&& price.getUnitAmount() != null && !Boolean.TRUE.equals(price.getDeleted());
	}

	Price price(com.stripe.model.Price price, com.stripe.model.@Nullable Product product) {
		com.stripe.model.Price.Recurring recurring = Objects.requireNonNull(price.getRecurring(),
				"Only recurring prices are mapped");
		long intervalCount = (recurring.getIntervalCount() != null) ? recurring.getIntervalCount() : 1;
		return new Price(price.getId(), product(price.getProduct(), product), price.getNickname(),
				price.getCurrency(), (price.getUnitAmount() != null) ? price.getUnitAmount() : 0,
				BillingInterval.fromValue(recurring.getInterval()), (int) Math.max(1, intervalCount),
				Boolean.TRUE.equals(price.getActive()), metadata(price.getMetadata()));
	}

	// A price's product is only an id unless expanded; without it the id stands in for the name.
	private static Product product(String productId, com.stripe.model.@Nullable Product product) {
		if (product == null) {
			return new Product(productId, productId, null, true, Map.of());
		}
		return new Product(product.getId(), Objects.requireNonNullElse(product.getName(), product.getId()),
				product.getDescription(), Boolean.TRUE.equals(product.getActive()), metadata(product.getMetadata()));
	}

	/**
	 * Maps a subscription whose first item's price has its product expanded or found in
	 * {@code products}.
	 */
	Subscription subscription(com.stripe.model.Subscription subscription,
			Map<String, com.stripe.model.Product> products) {
		SubscriptionItem item = firstItem(subscription);
		com.stripe.model.Price price = item.getPrice();
		com.stripe.model.Product product = (price.getProductObject() != null) ? price.getProductObject()
				: products.get(price.getProduct());
		com.stripe.model.Subscription.PauseCollection pause = subscription.getPauseCollection();
		long created = (subscription.getCreated() != null) ? subscription.getCreated() : 0;
		long periodStart = firstNonNull(item.getCurrentPeriodStart(), subscription.getBillingCycleAnchor(), created);
		long periodEnd = firstNonNull(item.getCurrentPeriodEnd(), periodStart);
		int quantity = (int) Math.max(1, (item.getQuantity() != null) ? item.getQuantity() : 1);
		return new Subscription(subscription.getId(), subscription.getCustomer(), status(subscription),
				price(price, product), quantity, Instant.ofEpochSecond(periodStart), Instant.ofEpochSecond(periodEnd),
				Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()),
				cancellationReason(subscription.getCancellationDetails()), instant(subscription.getCanceledAt()),
				instant(subscription.getEndedAt()), instant(subscription.getTrialEnd()),
				(pause != null) ? instant(pause.getResumesAt()) : null, subscription.getDefaultPaymentMethod(),
				subscription.getLatestInvoice(), Instant.ofEpochSecond(created), discount(subscription),
				RetentionOfferStatus.fromValue((subscription.getMetadata() != null)
						? subscription.getMetadata().get(RetentionOfferStatus.METADATA_KEY) : null));
	}

	// The first of the subscription's discounts. Unexpanded, only that there is one is
	// known: a discount without terms, so no retention offer is made on top of it.
	private static @Nullable Discount discount(com.stripe.model.Subscription subscription) {
		List<String> ids = subscription.getDiscounts();
		if (ids == null || ids.isEmpty()) {
			return null;
		}
		List<com.stripe.model.Discount> objects = subscription.getDiscountObjects();
		com.stripe.model.Discount first = (objects != null && !objects.isEmpty()) ? objects.get(0) : null;
		if (first == null) {
			return new Discount(null, null, null, null, null, null);
		}
		com.stripe.model.Discount.Source source = first.getSource();
		Coupon coupon = (source != null) ? source.getCouponObject() : null;
		if (coupon == null) {
			return new Discount((source != null) ? source.getCoupon() : null, null, null, null, null,
					instant(first.getEnd()));
		}
		Discount terms = discount(coupon);
		return new Discount(terms.couponId(), terms.percentOff(), terms.amountOff(), terms.currency(),
				terms.durationInMonths(), instant(first.getEnd()));
	}

	/**
	 * The discount a coupon gives.
	 * @param coupon the coupon
	 * @return its terms
	 */
	static Discount discount(Coupon coupon) {
		return new Discount(coupon.getId(), coupon.getPercentOff(), coupon.getAmountOff(), coupon.getCurrency(),
				(coupon.getDurationInMonths() != null) ? coupon.getDurationInMonths().intValue() : null, null);
	}

	static SubscriptionItem firstItem(com.stripe.model.Subscription subscription) {
		if (subscription.getItems() == null || subscription.getItems().getData() == null
				|| subscription.getItems().getData().isEmpty()) {
			// Not a subscription the portal can show or change: not found, rather than a failure.
			throw new PortalException(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, "The subscription has no items");
		}
		return subscription.getItems().getData().get(0);
	}

	// Stripe reports paused collection beside the status; the portal has one status.
	static SubscriptionStatus status(com.stripe.model.Subscription subscription) {
		SubscriptionStatus status = SubscriptionStatus.fromValue(subscription.getStatus());
		if (!status.isTerminal() && subscription.getPauseCollection() != null) {
			return SubscriptionStatus.PAUSED;
		}
		return status;
	}

	private static @Nullable CancellationReason cancellationReason(
			com.stripe.model.Subscription.@Nullable CancellationDetails details) {
		if (details == null || (details.getFeedback() == null && details.getComment() == null)) {
			return null;
		}
		return new CancellationReason(details.getFeedback(), details.getComment());
	}

	Invoice invoice(com.stripe.model.Invoice invoice) {
		List<InvoiceLine> lines = invoiceLines(invoice);
		long created = (invoice.getCreated() != null) ? invoice.getCreated() : 0;
		// The lines tell the billed period; the invoice's own period is that of pending items.
		Instant periodStart = lines.stream()
			.map(InvoiceLine::periodStart)
			.min(Instant::compareTo)
			.orElse(Instant.ofEpochSecond(firstNonNull(invoice.getPeriodStart(), created)));
		Instant periodEnd = lines.stream()
			.map(InvoiceLine::periodEnd)
			.max(Instant::compareTo)
			.orElse(Instant.ofEpochSecond(firstNonNull(invoice.getPeriodEnd(), created)));
		com.stripe.model.Invoice.StatusTransitions transitions = invoice.getStatusTransitions();
		return new Invoice(invoice.getId(), invoice.getNumber(), invoice.getCustomer(), subscriptionId(invoice),
				InvoiceStatus.fromValue(Objects.requireNonNullElse(invoice.getStatus(), "draft")),
				invoice.getCurrency(), zeroIfNull(invoice.getTotal()), zeroIfNull(invoice.getAmountDue()),
				zeroIfNull(invoice.getAmountPaid()), Instant.ofEpochSecond(created), periodStart, periodEnd,
				(transitions != null) ? instant(transitions.getPaidAt()) : null, lines, invoice.getHostedInvoiceUrl(),
				invoice.getInvoicePdf());
	}

	private static @Nullable String subscriptionId(com.stripe.model.Invoice invoice) {
		com.stripe.model.Invoice.Parent parent = invoice.getParent();
		if (parent == null || parent.getSubscriptionDetails() == null) {
			return null;
		}
		return parent.getSubscriptionDetails().getSubscription();
	}

	List<InvoiceLine> invoiceLines(com.stripe.model.Invoice invoice) {
		if (invoice.getLines() == null || invoice.getLines().getData() == null) {
			return List.of();
		}
		List<InvoiceLine> lines = new ArrayList<>();
		for (InvoiceLineItem line : invoice.getLines().getData()) {
			lines.add(invoiceLine(line, invoice));
		}
		return lines;
	}

	private static InvoiceLine invoiceLine(InvoiceLineItem line, com.stripe.model.Invoice invoice) {
		long created = (invoice.getCreated() != null) ? invoice.getCreated() : 0;
		InvoiceLineItem.Period period = line.getPeriod();
		long start = (period != null && period.getStart() != null) ? period.getStart() : created;
		long end = (period != null && period.getEnd() != null) ? period.getEnd() : start;
		InvoiceLineItem.Pricing pricing = line.getPricing();
		String priceId = (pricing != null && pricing.getPriceDetails() != null) ? pricing.getPriceDetails().getPrice()
				: null;
		int quantity = (line.getQuantity() != null) ? line.getQuantity().intValue() : 1;
		return new InvoiceLine(Objects.requireNonNullElse(line.getDescription(), ""), zeroIfNull(line.getAmount()),
				quantity, priceId, isProration(line), Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
	}

	static boolean isProration(InvoiceLineItem line) {
		InvoiceLineItem.Parent parent = line.getParent();
		if (parent == null) {
			return false;
		}
		if (parent.getSubscriptionItemDetails() != null) {
			return Boolean.TRUE.equals(parent.getSubscriptionItemDetails().getProration());
		}
		return parent.getInvoiceItemDetails() != null
				&& Boolean.TRUE.equals(parent.getInvoiceItemDetails().getProration());
	}

	PaymentMethod paymentMethod(com.stripe.model.PaymentMethod paymentMethod) {
		com.stripe.model.PaymentMethod.Card card = paymentMethod.getCard();
		Card mapped = null;
		if (card != null) {
			mapped = new Card(Objects.requireNonNullElse(card.getBrand(), "unknown"),
					Objects.requireNonNullElse(card.getLast4(), ""),
					(card.getExpMonth() != null) ? card.getExpMonth().intValue() : 0,
					(card.getExpYear() != null) ? card.getExpYear().intValue() : 0);
		}
		return new PaymentMethod(paymentMethod.getId(), paymentMethod.getCustomer(), paymentMethod.getType(), mapped,
				Instant.ofEpochSecond(zeroIfNull(paymentMethod.getCreated())), bankAccount(paymentMethod));
	}

	// The debits a customer can save in Checkout; each names its bank differently, if at all.
	private static @Nullable BankAccount bankAccount(com.stripe.model.PaymentMethod paymentMethod) {
		if (paymentMethod.getSepaDebit() != null) {
			return new BankAccount(null, Objects.requireNonNullElse(paymentMethod.getSepaDebit().getLast4(), ""));
		}
		if (paymentMethod.getUsBankAccount() != null) {
			return new BankAccount(paymentMethod.getUsBankAccount().getBankName(),
					Objects.requireNonNullElse(paymentMethod.getUsBankAccount().getLast4(), ""));
		}
		if (paymentMethod.getBacsDebit() != null) {
			return new BankAccount(null, Objects.requireNonNullElse(paymentMethod.getBacsDebit().getLast4(), ""));
		}
		if (paymentMethod.getAuBecsDebit() != null) {
			return new BankAccount(null, Objects.requireNonNullElse(paymentMethod.getAuBecsDebit().getLast4(), ""));
		}
		return null;
	}

	CheckoutSession checkoutSession(Session session) {
		CheckoutMode mode = "setup".equals(session.getMode()) ? CheckoutMode.SETUP : CheckoutMode.SUBSCRIPTION;
		String priceId = null;
		if (session.getLineItems() != null && session.getLineItems().getData() != null
				&& !session.getLineItems().getData().isEmpty()
				&& session.getLineItems().getData().get(0).getPrice() != null) {
			priceId = session.getLineItems().getData().get(0).getPrice().getId();
		}
		String subscriptionId = session.getSubscription();
		String paymentMethodId = null;
		com.stripe.model.SetupIntent setupIntent = session.getSetupIntentObject();
		if (setupIntent != null) {
			paymentMethodId = setupIntent.getPaymentMethod();
			if (subscriptionId == null) {
				subscriptionId = emptyToNull(metadata(setupIntent.getMetadata()).get(SUBSCRIPTION_ID_METADATA));
			}
		}
		if (subscriptionId == null && mode == CheckoutMode.SETUP) {
			subscriptionId = emptyToNull(metadata(session.getMetadata()).get(SUBSCRIPTION_ID_METADATA));
		}
		com.stripe.model.Subscription subscription = session.getSubscriptionObject();
		if (paymentMethodId == null && subscription != null) {
			paymentMethodId = subscription.getDefaultPaymentMethod();
		}
		return new CheckoutSession(session.getId(), mode, checkoutStatus(session.getStatus()), session.getUrl(),
				session.getCustomer(), priceId, subscriptionId, paymentMethodId,
				Objects.requireNonNullElse(session.getSuccessUrl(), ""),
				Objects.requireNonNullElse(session.getCancelUrl(), ""),
				Instant.ofEpochSecond(zeroIfNull(session.getExpiresAt())));
	}

	private static CheckoutStatus checkoutStatus(@Nullable String status) {
		if ("complete".equals(status)) {
			return CheckoutStatus.COMPLETE;
		}
		if ("expired".equals(status)) {
			return CheckoutStatus.EXPIRED;
		}
		return CheckoutStatus.OPEN;
	}

	private static Map<String, String> metadata(@Nullable Map<String, String> metadata) {
		if (metadata == null) {
			return Map.of();
		}
		Map<String, String> copy = new LinkedHashMap<>();
		metadata.forEach((key, value) -> {
			if (key != null && value != null) {
				copy.put(key, value);
			}
		});
		return Collections.unmodifiableMap(copy);
	}

	private static @Nullable Instant instant(@Nullable Long epochSecond) {
		return (epochSecond != null) ? Instant.ofEpochSecond(epochSecond) : null;
	}

	private static long zeroIfNull(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

	private static long firstNonNull(@Nullable Long first, long fallback) {
		return (first != null) ? first : fallback;
	}

	private static long firstNonNull(@Nullable Long first, @Nullable Long second, long fallback) {
		return (first != null) ? first : firstNonNull(second, fallback);
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
