package io.recurportal.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.testsupport.TestHostApplication;

import static io.recurportal.logging.CapturedLogs.apartFromRedemption;
import static io.recurportal.logging.CapturedLogs.assertLogged;
import static io.recurportal.logging.CapturedLogs.assertNotLogged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With logging turned up, the portal's pages over the sandbox log no card data and no
 * link: the card numbers and security code typed on the sandbox's checkout page (last 4
 * may be shown), and the login link emailed to a customer, through a real SMTP server.
 * Each test also asserts lines it expects, so it fails when logging is off rather than
 * passing for want of a log.
 */
@SpringBootTest(classes = TestHostApplication.class,
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com", "spring.mail.host=127.0.0.1",
				"recur.portal.login.from=billing@example.com",
				// The card recovery's billing emails would race the login email into the inbox.
				"recur.portal.emails.enabled=false" })
@AutoConfigureMockMvc
@VerboseLogging
class LogsKeepSecretsSandboxTests {

	private static final Pattern LINK = Pattern.compile("/portal/s/(c_[A-Za-z0-9_-]{43}|[A-Za-z0-9_-]{43})");

	private static final String SECURITY_CODE = "7391";

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void smtpPort(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> greenMail.getSmtp().getPort());
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private PortalSessions sessions;

	@Test
	void cardUpdatesWithDeclinedInvalidFailingAndGoodCards(CapturedOutput output) throws Exception {
		String link = this.sessions
			.create(new PortalSessionRequest("cus_on_hold", null, null, "https://app.example.com/account", "full", null,
					null, true))
			.url();
		String token = token(link);
		Cookie session = this.mvc.perform(get("/portal/s/" + token))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getCookie("recur_portal_session");
		String checkout = startCardUpdate(session, "r-logs-1");
		pay(session, checkout, "4000 0000 0000 0002").andExpect(status().isPaymentRequired());
		pay(session, checkout, "4242424242424241").andExpect(status().isBadRequest());
		String complete = pay(session, checkout, "4000000000000341").andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(complete).cookie(session)).andExpect(redirectedUrl("/portal?notice=recovery_failed"));
		checkout = startCardUpdate(session, "r-logs-2");
		complete = pay(session, checkout, "4242 4242 4242 4242").andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(complete).cookie(session)).andExpect(redirectedUrl("/portal?notice=recovered"));
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Visa ending in 4242")));
		String log = output.getAll();
		// The seeded card of cus_on_hold is 4000000000000341 too.
		for (String card : new String[] { "4000000000000002", "4242424242424241", "4000000000000341",
				"4242424242424242" }) {
			assertThat(log).withFailMessage("The log shows card number %s", card)
				.doesNotContain(card)
				.doesNotContain(spaced(card));
		}
		// The code is too short to look for alone: a timestamp may hold the same digits.
		assertThat(log).withFailMessage("The log shows the card's security code")
			.doesNotContainPattern("(?i)(cvc|cvv|security.code)\\W{0,4}" + SECURITY_CODE);
		assertNotLogged(apartFromRedemption(log, token), "a redeemed link's token", token);
		assertNotLogged(log, "the browser session", session.getValue());
		assertLogged(output, "Securing POST /portal/sandbox/checkout/cs_", "parameters={masked}",
				"Completed 402 PAYMENT_REQUIRED");
	}

	@Test
	void emailedLoginLink(CapturedOutput output) throws Exception {
		this.mvc.perform(post("/portal/login").with(csrf()).with((request) -> {
			request.setRemoteAddr("192.0.2.77");
			return request;
		}).param("email", "alice@example.com")).andExpect(status().isOk());
		assertThat(greenMail.waitForIncomingEmail(10_000, 1)).as("the login email arrives").isTrue();
		MimeMessage email = greenMail.getReceivedMessages()[0];
		String token = token(String.join("\n", textParts(email)));
		this.mvc.perform(get("/portal/s/" + token)).andExpect(status().isOk());
		Cookie session = this.mvc.perform(post("/portal/s/" + token).with(csrf()))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getCookie("recur_portal_session");
		this.mvc.perform(get("/portal").cookie(session)).andExpect(status().isOk());
		this.mvc.perform(get("/portal/s/" + token)).andExpect(status().isGone());
		String log = output.getAll();
		// With a mail sender, the sandbox's logging of login links is not in use.
		assertThat(log).doesNotContain("login link for");
		assertNotLogged(apartFromRedemption(log, token), "a redeemed login link's token", token);
		assertNotLogged(log, "the browser session", session.getValue());
		assertLogged(output, "Securing POST /portal/login", "POST \"/portal/login\", parameters={masked}",
				"Securing GET /portal");
	}

	private String startCardUpdate(Cookie session, String requestId) throws Exception {
		return this.mvc
			.perform(post("/portal/payment-method").cookie(session).with(csrf()).param("request_id", requestId))
			.andExpect(redirectedUrlPattern("/portal/sandbox/checkout/cs_*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
	}

	// The sandbox's page asks for no security code; a browser may fill one in anyway.
	private ResultActions pay(Cookie session, String checkout, String card) throws Exception {
		return this.mvc.perform(post(checkout).cookie(session)
			.with(csrf())
			.param("card_number", card)
			.param("exp_month", "12")
			.param("exp_year", "2034")
			.param("cvc", SECURITY_CODE));
	}

	private static String spaced(String card) {
		return card.replaceAll("(\\d{4})(?!$)", "$1 ");
	}

	private static String token(String text) {
		Matcher matcher = LINK.matcher(text);
		assertThat(matcher.find()).as("a portal link in %s", text).isTrue();
		return matcher.group(1);
	}

	private static List<String> textParts(Part part) throws Exception {
		List<String> texts = new ArrayList<>();
		if (part.isMimeType("text/*")) {
			texts.add((String) part.getContent());
		}
		else if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				texts.addAll(textParts(multipart.getBodyPart(i)));
			}
		}
		return texts;
	}

}
