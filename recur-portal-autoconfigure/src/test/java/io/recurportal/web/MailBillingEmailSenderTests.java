package io.recurportal.web;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import io.recurportal.billing.Card;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.email.BillingEmail;
import io.recurportal.email.BillingEmailKind;
import io.recurportal.testsupport.MailParts;
import io.recurportal.testsupport.TestSmtp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Billing emails as a customer receives them from a real SMTP server: subject,
 * recipient, language, an HTML part with a plain-text alternative, and the branding.
 */
class MailBillingEmailSenderTests {

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SMTP);

	private static final PortalConfiguration.Branding BRAND = new PortalConfiguration.Branding("Inbox Manager", null,
			"https://cdn.example.com/logo.png", "#0f766e", null, null);

	private static final Instant DATE = Instant.parse("2026-04-01T00:00:00Z");

	private static final String LINK = "https://billing.example.com/portal/s/c_abc";

	private final MailBillingEmailSender sender = new MailBillingEmailSender(mailSender(),
			"Inbox Manager <billing@example.com>");

	@Test
	void paymentFailedInEnglishThenSubjectAmountLinkAndBrandInBothParts() throws Exception {
		this.sender.send(email(BillingEmailKind.PAYMENT_FAILED, Locale.ENGLISH, LINK));
		MimeMessage message = single();
		assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("carol@example.com"));
		assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("billing@example.com");
		assertThat(message.getSubject()).isEqualTo("Your payment to Inbox Manager failed");
		Map<String, String> parts = MailParts.of(message);
		assertThat(parts).containsOnlyKeys("text/plain", "text/html");
		assertThat(parts.get("text/plain")).contains("We could not charge", "Amount due to Inbox Manager: $29.00", LINK,
				"The link below opens your billing page").doesNotContain("<");
		assertThat(parts.get("text/plain").replace("\r\n", "\n")).endsWith("-- \nInbox Manager\n");
		assertThat(parts.get("text/html")).contains("<html lang=\"en\"", "border-top:4px solid #0f766e",
				"background:#0f766e", "src=\"https://cdn.example.com/logo.png\"", "alt=\"Inbox Manager\"",
				"href=\"" + LINK + "\"", "Update payment method", "Amount due to Inbox Manager: $29.00");
	}

	@Test
	void paymentFailedWithoutLinkThenSaysWhereToGoInstead() throws Exception {
		this.sender.send(email(BillingEmailKind.PAYMENT_FAILED, Locale.ENGLISH, null));
		Map<String, String> parts = MailParts.of(single());
		assertThat(parts.get("text/plain")).contains("open your billing page at Inbox Manager")
			.doesNotContain("https://");
		assertThat(parts.get("text/html")).doesNotContain("Update payment method").doesNotContain("<a ");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			REACTIVATED             | Your Pro subscription is active again            | It renews on Apr 1, 2026
			PAYMENT_METHOD_ADDED    | A payment method was added to your billing at Inbox Manager | Visa ending in 4242 was saved
			CANCELED                | Your Pro subscription has ended                  | ended on Apr 1, 2026
			CANCEL_SCHEDULED        | Your Pro subscription ends on Apr 1, 2026        | You keep it until Apr 1, 2026
			PLAN_CHANGED            | Your plan at Inbox Manager is now Pro            | changed from Starter to Pro, at $29.00 per billing period
			""")
	void eachKindInEnglish(String kind, String subject, String text) throws Exception {
		this.sender.send(email(kindOf(kind), Locale.ENGLISH, null));
		MimeMessage message = single();
		assertThat(message.getSubject()).isEqualTo(subject);
		Map<String, String> parts = MailParts.of(message);
		assertThat(parts.get("text/plain")).contains(text, "Inbox Manager");
		assertThat(parts.get("text/html")).contains(text, "#0f766e");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			ja    | Inbox Manager へのお支払いに失敗しました | 支払い方法を更新
			zh-TW | 您向 Inbox Manager 的付款未成功        | 更新付款方式
			zh-CN | 您向 Inbox Manager 的付款未成功        | 更新支付方式
			th    | การชำระเงินให้ Inbox Manager ไม่สำเร็จ | อัปเดตวิธีการชำระเงิน
			""")
	void paymentFailedInEachLanguage(String tag, String subject, String button) throws Exception {
		this.sender.send(email(BillingEmailKind.PAYMENT_FAILED, Locale.forLanguageTag(tag), LINK));
		MimeMessage message = single();
		assertThat(message.getSubject()).isEqualTo(subject);
		Map<String, String> parts = MailParts.of(message);
		assertThat(parts.get("text/html")).contains("<html lang=\"" + tag + "\"", button, LINK);
		assertThat(parts.get("text/plain")).contains(LINK).doesNotContain("Amount due");
	}

	@ParameterizedTest
	@EnumSource(BillingEmailKind.class)
	void everyKindHasItsTextsInEveryLanguage(BillingEmailKind kind) {
		for (String tag : new String[] { "en", "ja", "zh-TW", "zh-CN", "th" }) {
			PortalMessages msg = new PortalMessages(Locale.forLanguageTag(tag));
			String prefix = "billingemail." + kind.key();
			assertThat(msg.get(prefix + ".subject", "B", "P", "D", "A", "M", "Q")).doesNotContain("{");
			assertThat(msg.get(prefix + ".intro", "B", "P", "D", "A", "M", "Q")).doesNotContain("{");
		}
	}

	@Test
	void withoutBrandThenThePortalNameAndDefaultColour() throws Exception {
		PortalConfiguration.Branding plain = new PortalConfiguration.Branding(null, null, "http://insecure/logo.png",
				"red; background:url(x)", null, null);
		this.sender.send(new BillingEmail(BillingEmailKind.SUBSCRIPTION_CANCELED, "evt_1", "lena@example.com",
				Locale.ENGLISH, plain, "Pro", null, DATE, null, null, null));
		Map<String, String> parts = MailParts.of(single());
		assertThat(parts.get("text/html")).contains(BrandedLinkMail.DEFAULT_COLOR, ">Billing</strong>")
			.doesNotContain("insecure")
			.doesNotContain("url(x)");
	}

	private static BillingEmailKind kindOf(String name) {
		return switch (name) {
			case "REACTIVATED" -> BillingEmailKind.SUBSCRIPTION_REACTIVATED;
			case "CANCELED" -> BillingEmailKind.SUBSCRIPTION_CANCELED;
			case "CANCEL_SCHEDULED" -> BillingEmailKind.SUBSCRIPTION_CANCEL_SCHEDULED;
			default -> BillingEmailKind.valueOf(name);
		};
	}

	private static BillingEmail email(BillingEmailKind kind, Locale locale, String link) {
		PaymentMethod card = new PaymentMethod("pm_1", "cus_1", "card", new Card("visa", "4242", 12, 2030), DATE);
		return new BillingEmail(kind, "evt_1", "carol@example.com", locale, BRAND, "Pro", "Starter", DATE,
				new BillingEmail.Amount(2900, "usd"), card, (kind == BillingEmailKind.PAYMENT_FAILED) ? link : null);
	}

	private static MimeMessage single() {
		MimeMessage[] messages = greenMail.getReceivedMessages();
		assertThat(messages).hasSize(1);
		return messages[0];
	}

	private static JavaMailSenderImpl mailSender() {
		JavaMailSenderImpl mailSender = new JavaMailSenderImpl();
		mailSender.setHost("127.0.0.1");
		mailSender.setPort(TestSmtp.port());
		return mailSender;
	}

}
