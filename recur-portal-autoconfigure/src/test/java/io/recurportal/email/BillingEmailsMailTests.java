package io.recurportal.email;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.CancellationReason;
import io.recurportal.billing.Subscription;
import io.recurportal.testsupport.MailParts;
import io.recurportal.testsupport.TestHostApplication;
import io.recurportal.testsupport.TestSmtp;
import io.recurportal.webhook.PaymentFailedEvent;
import io.recurportal.webhook.PaymentMethodAttachedEvent;
import io.recurportal.webhook.SubscriptionPlanChangedEvent;
import io.recurportal.webhook.SubscriptionReactivatedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Billing emails in a host application over the sandbox, received by a real SMTP server:
 * the events the portal publishes make branded emails in the customer's language, each
 * once, and a kind switched off makes none. Emails are sent one at a time in the order
 * of their events, so once a later email arrives, an earlier event has been dealt with.
 */
@SpringBootTest(classes = TestHostApplication.class,
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.base-url=https://billing.example.com",
				"recur.portal.allowed-return-origins=https://app.example.com",
				"recur.portal.configurations.full.branding.business-name=Inbox Manager",
				"recur.portal.configurations.full.branding.primary-color=#0f766e", "spring.mail.host=127.0.0.1",
				"recur.portal.login.from=Inbox Manager <billing@example.com>",
				"recur.portal.emails.payment-method-added.enabled=false" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class BillingEmailsMailTests {

	private static final long WAIT_MILLIS = 10_000;

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SMTP);

	@DynamicPropertySource
	static void smtpPort(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", TestSmtp::port);
	}

	@Autowired
	private ApplicationEventPublisher publisher;

	@Autowired
	private BillingGateway gateway;

	@Autowired
	private MockMvc mvc;

	@Test
	void reactivatedThenBrandedEmailWithHtmlAndText() throws Exception {
		this.publisher.publishEvent(new SubscriptionReactivatedEvent("evt_mail_1", "acct_active",
				subscription("sub_active")));
		MimeMessage message = await(1).get(0);
		assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("alice@example.com"));
		assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("billing@example.com");
		assertThat(message.getSubject()).isEqualTo("Your Pro subscription is active again");
		Map<String, String> parts = MailParts.of(message);
		assertThat(parts.get("text/plain")).contains("Your Pro subscription with Inbox Manager is active again");
		assertThat(parts.get("text/html")).contains("<html lang=\"en\"", "#0f766e", "Inbox Manager",
				"Your Pro subscription with Inbox Manager is active again");
	}

	@Test
	void sameEventDeliveredTwiceThenOneEmail() throws Exception {
		SubscriptionReactivatedEvent event = new SubscriptionReactivatedEvent("evt_mail_2", "acct_active",
				subscription("sub_active"));
		this.publisher.publishEvent(event);
		this.publisher.publishEvent(event);
		// A later email: once it is here, the second delivery has been dealt with.
		this.publisher.publishEvent(new SubscriptionReactivatedEvent("evt_mail_3", "acct_other",
				subscription("sub_other")));
		List<MimeMessage> messages = await(2);
		assertThat(recipients(messages)).containsExactly("alice@example.com", "mallory@example.com");
	}

	@Test
	void kindSwitchedOffThenNoEmail() throws Exception {
		String paymentMethodId = this.gateway.findCustomer("cus_active").orElseThrow().defaultPaymentMethodId();
		this.publisher.publishEvent(new PaymentMethodAttachedEvent("evt_mail_4", "acct_active", "cus_active",
				paymentMethodId));
		this.publisher.publishEvent(new SubscriptionReactivatedEvent("evt_mail_5", "acct_other",
				subscription("sub_other")));
		List<MimeMessage> messages = await(1);
		assertThat(recipients(messages)).containsExactly("mallory@example.com");
	}

	@Test
	void planChangedThenInTheCustomersPreferredLanguage() throws Exception {
		Subscription subscription = subscription("sub_change");
		this.publisher.publishEvent(new SubscriptionPlanChangedEvent("evt_mail_6", "acct_change",
				this.gateway.findPrice("price_pro_monthly").orElseThrow(), subscription));
		MimeMessage message = await(1).get(0);
		assertThat(message.getSubject()).isEqualTo("您在 Inbox Manager 的方案已變更為 Starter");
		assertThat(MailParts.of(message).get("text/html")).contains("<html lang=\"zh-TW\"", "從 Pro 變更為 Starter");
	}

	@Test
	void paymentFailedThenItsLinkOpensThePortalConfirmationPage(CapturedOutput output) throws Exception {
		Subscription subscription = subscription("sub_on_hold");
		this.publisher.publishEvent(new PaymentFailedEvent("evt_mail_7", "acct_on_hold", "cus_on_hold",
				subscription.latestInvoiceId(), subscription.id()));
		MimeMessage message = await(1).get(0);
		assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("carol@example.com"));
		String text = MailParts.of(message).get("text/plain");
		int start = text.indexOf("https://billing.example.com/portal/s/");
		assertThat(start).isNotNegative();
		String link = text.substring(start).split("\\s")[0];
		String token = link.substring(link.lastIndexOf('/') + 1);
		// GreenMail logs the address itself: only the link, a credential, is looked for.
		assertThat(output.getAll()).doesNotContain(token);
		this.mvc.perform(get(link.substring("https://billing.example.com".length())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Inbox Manager")));
	}

	@Test
	void subscriptionCancelledAtTheProviderThenEmailThroughTheEventProcessing() throws Exception {
		this.gateway.cancel("sub_lifecycle", CancelTiming.IMMEDIATELY, new CancellationReason(null, null),
				"mail-e2e-cancel");
		MimeMessage message = await(1).get(0);
		assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("lena@example.com"));
		assertThat(message.getSubject()).isEqualTo("Your Starter subscription has ended");
	}

	private Subscription subscription(String id) {
		return this.gateway.findSubscription(id).orElseThrow();
	}

	private static List<MimeMessage> await(int count) {
		assertThat(greenMail.waitForIncomingEmail(WAIT_MILLIS, count)).as("%d emails arrive", count).isTrue();
		return Arrays.asList(greenMail.getReceivedMessages());
	}

	private static List<String> recipients(List<MimeMessage> messages) throws Exception {
		List<String> recipients = new ArrayList<>();
		for (MimeMessage message : messages) {
			recipients.add(((InternetAddress) message.getAllRecipients()[0]).getAddress());
		}
		return recipients;
	}

}
