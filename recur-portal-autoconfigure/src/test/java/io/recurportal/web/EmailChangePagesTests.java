package io.recurportal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.PortalTokens;
import io.recurportal.testsupport.TestSmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Changing the billing email in the portal, with a real SMTP server: a new address takes
 * effect only once a one-time link sent to it is confirmed by its page's button.
 * <p>
 * Runs against each provider: {@link SandboxEmailChangePagesTests},
 * {@link FakeProviderEmailChangePagesTests}.
 */
@TestPropertySource(properties = { "recur.portal.allowed-return-origins=https://app.example.com",
		"recur.portal.base-url=https://billing.example.com",
		"recur.portal.configurations.full.branding.business-name=Inbox Manager",
		"spring.mail.host=127.0.0.1",
		"recur.portal.login.from=Inbox Manager <billing@example.com>" })
abstract class EmailChangePagesTests {

	private static final Pattern LINK = Pattern
		.compile("https://billing\\.example\\.com(/portal/email/[A-Za-z0-9_-]{43})");

	private static final long WAIT_MILLIS = 10_000;

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SMTP);

	@DynamicPropertySource
	static void smtpPort(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", TestSmtp::port);
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PortalSessions sessions;

	@Autowired
	private BillingGateway gateway;

	@Test
	void anotherCustomersAddressDoesNotTakeEffectUntilThatAddressConfirms() throws Exception {
		Cookie mallory = open("cus_other");
		this.mvc
			.perform(post("/portal/profile").cookie(mallory)
				.with(csrf())
				.header("Accept-Language", "ja")
				.param("name", "Mallory Mayhem")
				.param("email", "alice@example.com")
				.param("request_id", "take-over-1"))
			.andExpect(redirectedUrl("/portal/profile"));

		Customer other = this.gateway.findCustomer("cus_other").orElseThrow();
		assertThat(other.name()).as("other fields save at once").isEqualTo("Mallory Mayhem");
		assertThat(other.email()).as("the email waits for confirmation").isEqualTo("mallory@example.com");
		assertThat(this.gateway.findCustomerByEmail("alice@example.com")).get()
			.extracting(Customer::id)
			.isEqualTo("cus_active");
		assertThat(this.gateway.findCustomerByEmail("mallory@example.com")).get()
			.extracting(Customer::id)
			.isEqualTo("cus_other");
		this.mvc.perform(get("/portal/profile").cookie(mallory).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("We sent a confirmation link to alice@example.com")));

		MimeMessage message = awaitOneEmail();
		assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("alice@example.com"));
		assertThat(message.getSubject()).isEqualTo("Inbox Manager の新しい請求先メールアドレスの確認");
		assertThat(textParts(message)).anySatisfy((text) -> assertThat(text).contains("24 時間後に無効"));
		assertThat(textParts(message)).anySatisfy((text) -> assertThat(text).contains("Inbox Manager"));
		path(message);
	}

	@Test
	void linkOpensAPageWhoseButtonConfirmsOnceAndOpeningItChangesNothing() throws Exception {
		Cookie chen = open("cus_change");
		this.mvc
			.perform(post("/portal/profile").cookie(chen)
				.with(csrf())
				.param("name", "Chen")
				.param("email", "Chen@New.Example.com")
				.param("request_id", "change-1"))
			.andExpect(redirectedUrl("/portal/profile"));
		String path = path(awaitOneEmail());

		this.mvc.perform(head(path)).andExpect(status().isOk());
		this.mvc.perform(get(path).param("lang", "en"))
			.andExpect(status().isOk())
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(content().string(containsString("Make chen@new.example.com the billing email for Inbox Manager?")))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(containsString("action=\"" + path + "\"")))
			.andExpect(content().string(not(containsString("<script"))));
		assertThat(this.gateway.findCustomer("cus_change").orElseThrow().email())
			.as("opening the link changes nothing").isEqualTo("chen@example.com");

		this.mvc.perform(post(path)).andExpect(status().isForbidden());
		assertThat(this.gateway.findCustomer("cus_change").orElseThrow().email()).isEqualTo("chen@example.com");

		this.mvc.perform(post(path).with(csrf()).param("lang", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Your billing email is now chen@new.example.com.")));
		assertThat(this.gateway.findCustomer("cus_change").orElseThrow().email()).isEqualTo("chen@new.example.com");
		assertThat(this.gateway.findCustomerByEmail("chen@new.example.com")).get()
			.extracting(Customer::id)
			.isEqualTo("cus_change");

		this.mvc.perform(post(path).with(csrf()).param("lang", "en"))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("This link is not valid")));
		this.mvc.perform(get(path)).andExpect(status().isNotFound());
	}

	@Test
	void changesAreLimitedPerCustomerAndPerAddressAndOverTheLimitNothingIsSent() throws Exception {
		Cookie paul = open("cus_pause");
		Cookie pia = open("cus_preview");
		// Every spelling of the address counts as that address.
		String[] spellings = { "victim@example.org", "Victim@Example.org", "VICTIM@example.org", " victim@example.org",
				"victim@EXAMPLE.ORG" };
		for (int i = 0; i < spellings.length; i++) {
			changeEmail(paul, spellings[i], "limit-paul-" + i).andExpect(redirectedUrl("/portal/profile"));
		}
		// The address has had its five: another customer cannot send it a sixth.
		changeEmail(pia, "victim@example.org", "limit-pia-1").andExpect(status().isTooManyRequests())
			.andExpect(content().string(containsString("Too many email changes were asked for")));
		// The customer has had its five: it cannot mail another address either.
		changeEmail(paul, "someone@example.org", "limit-paul-6").andExpect(status().isTooManyRequests());
		assertThat(this.gateway.findCustomer("cus_preview").orElseThrow().name()).as("nothing saved")
			.isNotEqualTo("Limit limit-pia-1");
		// A change within the limits still goes out, after the refused ones.
		changeEmail(pia, "pia.new@example.org", "limit-pia-2").andExpect(redirectedUrl("/portal/profile"));
		assertThat(greenMail.waitForIncomingEmail(WAIT_MILLIS, 6)).as("six emails arrive").isTrue();
		List<String> recipients = new ArrayList<>();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			recipients.add(((InternetAddress) message.getAllRecipients()[0]).getAddress());
		}
		assertThat(recipients).containsExactlyInAnyOrder("victim@example.org", "victim@example.org",
				"victim@example.org", "victim@example.org", "victim@example.org", "pia.new@example.org");
	}

	private org.springframework.test.web.servlet.ResultActions changeEmail(Cookie session, String email,
			String requestId) throws Exception {
		return this.mvc.perform(post("/portal/profile").cookie(session)
			.with(csrf())
			.header("Accept-Language", "en")
			.param("name", "Limit " + requestId)
			.param("email", email)
			.param("request_id", requestId));
	}

	@Test
	void unknownOrMalformedLinksChangeNothing() throws Exception {
		this.mvc.perform(get("/portal/email/" + PortalTokens.generate()).param("lang", "en"))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("This link is not valid")));
		this.mvc.perform(post("/portal/email/not-a-token").with(csrf())).andExpect(status().isGone());
	}

	private Cookie open(String customerId) throws Exception {
		String url = this.sessions
			.create(new PortalSessionRequest(customerId, null, null, "https://app.example.com/account", "full", null,
					null, true))
			.url();
		MockHttpServletResponse response = this.mvc.perform(get(url.substring(url.indexOf("/portal/s/"))))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse();
		return response.getCookie(PortalCookies.SESSION);
	}

	private static MimeMessage awaitOneEmail() throws Exception {
		assertThat(greenMail.waitForIncomingEmail(WAIT_MILLIS, 1)).as("an email arrives").isTrue();
		MimeMessage[] messages = greenMail.getReceivedMessages();
		assertThat(messages).hasSize(1);
		return messages[0];
	}

	private static String path(MimeMessage message) throws Exception {
		String text = textParts(message).get(0);
		Matcher matcher = LINK.matcher(text);
		assertThat(matcher.find()).as("an absolute confirmation link on the base URL in %s", text).isTrue();
		return matcher.group(1);
	}

	private static List<String> textParts(Part part) throws Exception {
		List<String> texts = new ArrayList<>();
		if (part.isMimeType("text/*")) {
			texts.add((String) part.getContent());
		}
		else if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				texts.addAll(textParts(child));
			}
		}
		return texts;
	}

}
