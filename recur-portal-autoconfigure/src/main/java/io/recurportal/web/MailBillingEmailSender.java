package io.recurportal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.util.StringUtils;

import io.recurportal.billing.PaymentMethod;
import io.recurportal.email.BillingEmail;
import io.recurportal.email.BillingEmailSender;

/**
 * Sends billing emails through the host's {@link JavaMailSender}, branded and localised
 * like the login email: an HTML part with a plain-text alternative. Texts are
 * {@code billingemail.<kind>.*} in the portal's message bundles.
 */
public final class MailBillingEmailSender implements BillingEmailSender {

	private final BrandedLinkMail mail;

	/**
	 * Creates a sender.
	 * @param mailSender the host's mail sender
	 * @param from the sender address
	 */
	public MailBillingEmailSender(JavaMailSender mailSender, String from) {
		this.mail = new BrandedLinkMail(mailSender, from);
	}

	@Override
	public void send(BillingEmail email) {
		PortalMessages msg = new PortalMessages(email.locale());
		String business = BrandedLinkMail.businessName(email.branding(), msg);
		String prefix = "billingemail." + email.kind().key();
		Object[] arguments = arguments(email, business, new PortalFormat(email.locale()), msg);
		List<String> paragraphs = new ArrayList<>();
		paragraphs.add(msg.get(prefix + ".intro", arguments));
		if (email.amount() != null && msg.has(prefix + ".amount")) {
			paragraphs.add(msg.get(prefix + ".amount", arguments));
		}
		if (msg.has(prefix + ".note")) {
			paragraphs.add(msg.get(prefix + ".note", arguments));
		}
		String button = null;
		if (email.portalUrl() != null) {
			paragraphs.add(msg.get(prefix + ".action", arguments));
			button = msg.get(prefix + ".button", arguments);
		}
		else if (msg.has(prefix + ".nolink")) {
			paragraphs.add(msg.get(prefix + ".nolink", arguments));
		}
		this.mail.send(email.to(), email.locale(), email.branding(), msg.get(prefix + ".subject", arguments),
				paragraphs, button, email.portalUrl(), msg.get("billingemail.footnote", business),
				prefix);
	}

	// Each kind's texts take their own arguments, numbered from {0} with none left out.
	private static Object[] arguments(BillingEmail email, String business, PortalFormat format, PortalMessages msg) {
		String plan = text(email.planName());
		String date = format.date(email.date());
		String amount = (email.amount() != null)
				? format.money(email.amount().minorUnits(), email.amount().currency()) : "";
		return switch (email.kind()) {
			case SUBSCRIPTION_REACTIVATED, SUBSCRIPTION_CANCELED, SUBSCRIPTION_CANCEL_SCHEDULED ->
				new Object[] { plan, date, business };
			case PAYMENT_FAILED -> new Object[] { business, amount };
			case PAYMENT_METHOD_ADDED -> new Object[] { business, paymentMethod(email.paymentMethod(), msg) };
			case PLAN_CHANGED -> new Object[] { business, plan, text(email.previousPlanName()), amount, date };
		};
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static String paymentMethod(@Nullable PaymentMethod method, PortalMessages msg) {
		if (method == null) {
			return msg.get("billingemail.paymentmethod.unknown");
		}
		if (method.card() != null) {
			return msg.get("billingemail.paymentmethod.card", StringUtils.capitalize(method.card().brand()),
					method.card().last4());
		}
		return method.type().replace('_', ' ').toUpperCase(Locale.ROOT);
	}

}
