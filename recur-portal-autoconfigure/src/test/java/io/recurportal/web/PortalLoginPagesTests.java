package io.recurportal.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.NewCustomer;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.login.EmailLogin;
import io.recurportal.login.LoginLinkSender;
import io.recurportal.login.LoginRateLimiter;
import io.recurportal.session.PortalLinks;
import io.recurportal.session.PortalSessionStore;
import io.recurportal.session.PortalSessions;
import io.recurportal.session.ReturnUrlPolicy;
import io.recurportal.testsupport.MutableClock;
import io.recurportal.testsupport.TestSmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Signing in by email on the static login page, with a real SMTP server: the email, its
 * link and language, one use per link, expiry, unknown emails and rate limits. Each
 * test asks from its own client address so their limits stay apart.
 * <p>
 * Runs against each provider: {@link SandboxPortalLoginPagesTests},
 * {@link FakeProviderPortalLoginPagesTests}.
 */
@TestPropertySource(properties = { "recur.portal.allowed-return-origins=https://app.example.com",
		"recur.portal.base-url=https://billing.example.com",
		"recur.portal.configurations.full.branding.business-name=Inbox Manager",
		"recur.portal.configurations.full.branding.primary-color=#4f46e5",
		"recur.portal.configurations.invoices.branding.business-name=Invoice Desk",
		"spring.mail.host=127.0.0.1",
		"recur.portal.login.from=Inbox Manager <billing@example.com>",
		"recur.portal.login.max-per-email=3", "recur.portal.login.max-per-address=4" })
@ExtendWith(OutputCaptureExtension.class)
abstract class PortalLoginPagesTests {

	private static final Pattern LINK = Pattern
		.compile("https://billing\\.example\\.com/portal/s/(c_[A-Za-z0-9_-]{43})");

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
	private ExecutorService loginExecutor;

	@Autowired
	private MutableClock clock;

	@Autowired
	private BillingGateway gateway;

	@Test
	void loginPageWorksWithoutSessionOrScript() throws Exception {
		this.mvc.perform(get("/portal/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Sign in to billing")))
			.andExpect(content().string(containsString("Inbox Manager")))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(containsString("name=\"configuration\" value=\"full\"")))
			.andExpect(content().string(not(containsString("<script"))));
		this.mvc.perform(get("/portal/login").param("configuration", "invoices"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Invoice Desk")))
			.andExpect(content().string(containsString("name=\"configuration\" value=\"invoices\"")))
			.andExpect(content().string(containsString("/portal/login?configuration=invoices&amp;lang=ja")));
		this.mvc.perform(get("/portal/login").param("configuration", "nope")).andExpect(status().isBadRequest());
	}

	@Test
	void postWithoutCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/portal/login").with(from("192.0.2.1")).param("email", "alice@example.com"))
			.andExpect(status().isForbidden());
		drain();
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void emailInThePageLanguageWithALinkThatOpensThePortalOnce() throws Exception {
		this.mvc.perform(login("alice@example.com", "192.0.2.2").header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("メールをご確認ください")))
			.andExpect(content().string(containsString("15 分後")));
		MimeMessage message = awaitOneEmail();
		assertThat(message.getAllRecipients()).containsExactly(new InternetAddress("alice@example.com"));
		assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("billing@example.com");
		assertThat(message.getSubject()).isEqualTo("Inbox Manager のログインリンク");
		List<String> parts = textParts(message);
		assertThat(parts).hasSize(2);
		String text = parts.get(0);
		String html = parts.get(1);
		assertThat(text).contains("下のリンクから Inbox Manager の請求管理にログインしてください", "15 分後");
		assertThat(html).contains("<html lang=\"ja\"", "請求管理にログイン", "#4f46e5");
		String token = token(text);
		assertThat(html).contains("https://billing.example.com/portal/s/" + token);
		// What a mail scanner does first: fetch the link, and ask for its headers.
		this.mvc.perform(head("/portal/s/" + token)).andExpect(status().isOk());
		this.mvc.perform(get("/portal/s/" + token))
			.andExpect(status().isOk())
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(cookie().doesNotExist(PortalCookies.SESSION))
			.andExpect(content().string(containsString("lang=\"ja\"")))
			.andExpect(content().string(containsString("請求管理に進む")))
			.andExpect(content().string(containsString("action=\"/portal/s/" + token + "\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(not(containsString("<script"))));
		this.mvc.perform(post("/portal/s/" + token)).andExpect(status().isForbidden());
		Cookie session = confirm(token);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("lang=\"ja\"")))
			.andExpect(content().string(containsString("id=\"subscriptions\"")))
			.andExpect(content().string(not(containsString("action=\"/portal/return\""))));
		// A used emailed link has no return URL: the way on is the sign-in page.
		this.mvc.perform(get("/portal/s/" + token).param("lang", "en"))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("already been used")))
			.andExpect(content().string(containsString("href=\"/portal/login?configuration=full\"")))
			.andExpect(content().string(containsString("Get a new link by email")));
	}

	@Test
	void namedConfigurationIsTheOneTheLinkOpens() throws Exception {
		this.mvc.perform(login("carol@example.com", "192.0.2.3").param("configuration", "invoices"))
			.andExpect(status().isOk());
		MimeMessage message = awaitOneEmail();
		assertThat(message.getSubject()).isEqualTo("Your sign-in link for Invoice Desk");
		String token = token(textParts(message).get(0));
		Cookie session = confirm(token);
		this.mvc.perform(post("/portal/s/" + token).with(csrf()))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("href=\"/portal/login?configuration=invoices\"")));
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"invoices\"")))
			.andExpect(content().string(not(containsString("id=\"profile\""))));
	}

	@Test
	void unknownEmailGetsTheSamePageAndNoEmail() throws Exception {
		String known = this.mvc.perform(login("lena@example.com", "192.0.2.4"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		awaitOneEmail();
		greenMail.purgeEmailFromAllMailboxes();
		String unknown = this.mvc.perform(login("nobody@example.com", "192.0.2.4"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		drain();
		assertThat(unknown).isEqualTo(known).contains("If that email belongs to a customer");
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void emailOfSeveralCustomersGetsTheSamePageNoEmailAndAWarningWithoutTheEmail(CapturedOutput output)
			throws Exception {
		this.gateway.createCustomer(new NewCustomer("acct_team_1", "team.shared@example.com", "First"), "team-1");
		this.gateway.createCustomer(new NewCustomer("acct_team_2", "Team.Shared@example.com", "Second"), "team-2");
		String unknown = this.mvc.perform(login("nobody.at.all@example.com", "192.0.2.30"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String shared = this.mvc.perform(login("team.shared@example.com", "192.0.2.30"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		drain();
		assertThat(shared).isEqualTo(unknown.replace("nobody.at.all@example.com", "team.shared@example.com"));
		assertThat(greenMail.getReceivedMessages()).isEmpty();
		assertThat(output.getAll()).contains("a login email matches several customers")
			.doesNotContain("team.shared@example.com")
			.doesNotContainIgnoringCase("Team.Shared@example.com");
	}

	@Test
	void answerDoesNotWaitForTheLookupOrTheEmail() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.loginExecutor.execute(() -> {
			try {
				release.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.mvc.perform(login("pia@example.com", "192.0.2.5")).andExpect(status().isOk());
		assertThat(greenMail.getReceivedMessages()).isEmpty();
		release.countDown();
		assertThat(awaitOneEmail().getAllRecipients()).containsExactly(new InternetAddress("pia@example.com"));
	}

	@Test
	void linkExpiresAfterItsLifetime() throws Exception {
		this.mvc.perform(login("rita@example.com", "192.0.2.6")).andExpect(status().isOk());
		String token = token(textParts(awaitOneEmail()).get(0));
		this.clock.advance(Duration.ofMinutes(16));
		this.mvc.perform(get("/portal/s/" + token).param("lang", "en"))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("This link has expired")));
		this.mvc.perform(post("/portal/s/" + token).with(csrf()))
			.andExpect(status().isGone())
			.andExpect(cookie().doesNotExist(PortalCookies.SESSION));
	}

	@Test
	void linkIsOnTheBaseUrlWhateverHostTheRequestNames() throws Exception {
		for (String host : new String[] { "evil.example", "evil.example:4443" }) {
			String[] parts = host.split(":");
			this.mvc.perform(login("mallory@example.com", "192.0.2.30").header("Host", host).with((request) -> {
				request.setServerName(parts[0]);
				request.setServerPort((parts.length > 1) ? Integer.parseInt(parts[1]) : 80);
				return request;
			})).andExpect(status().isOk());
			String text = String.join("\n", textParts(awaitOneEmail()));
			greenMail.purgeEmailFromAllMailboxes();
			assertThat(text).doesNotContain("evil.example");
			assertThat(token(text)).isNotEmpty();
		}
	}

	@Test
	void tooManyRequestsForOneEmailAreRefusedClearlyAndSendNothing() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(login("Chen@Example.com", "192.0.2." + (10 + i))).andExpect(status().isOk());
		}
		assertThat(greenMail.waitForIncomingEmail(WAIT_MILLIS, 3)).isTrue();
		greenMail.purgeEmailFromAllMailboxes();
		this.mvc.perform(login("chen@example.com", "192.0.2.13"))
			.andExpect(status().isTooManyRequests())
			.andExpect(content().string(containsString("Too many sign-in links were requested")))
			.andExpect(content().string(containsString("value=\"chen@example.com\"")));
		drain();
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void tooManyRequestsFromOneAddressAreRefusedAndSendNothing() throws Exception {
		for (int i = 0; i < 4; i++) {
			this.mvc.perform(login("stranger" + i + "@example.com", "198.51.100.7")).andExpect(status().isOk());
		}
		this.mvc.perform(login("paul@example.com", "198.51.100.7").header("Accept-Language", "th"))
			.andExpect(status().isTooManyRequests())
			.andExpect(content().string(containsString("มีการขอลิงก์เข้าสู่ระบบมากเกินไป")));
		drain();
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void malformedEmailIsAskedAgain() throws Exception {
		this.mvc.perform(login("not-an-email", "192.0.2.20"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Please enter a valid email address.")));
		// 23 characters that NFKC turns into 18 each: too long as a key, though short as typed.
		this.mvc.perform(login("a" + "\uFDFA".repeat(23) + "@example.com", "192.0.2.20"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Please enter a valid email address.")));
		drain();
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	private Cookie confirm(String token) throws Exception {
		Cookie session = this.mvc.perform(post("/portal/s/" + token).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/portal"))
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andReturn()
			.getResponse()
			.getCookie(PortalCookies.SESSION);
		assertThat(session).isNotNull();
		return session;
	}

	private MockHttpServletRequestBuilder login(String email, String address) {
		return post("/portal/login").with(csrf()).with(from(address)).param("email", email);
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private MimeMessage awaitOneEmail() throws Exception {
		assertThat(greenMail.waitForIncomingEmail(WAIT_MILLIS, 1)).as("an email arrives").isTrue();
		MimeMessage[] messages = greenMail.getReceivedMessages();
		assertThat(messages).hasSize(1);
		return messages[0];
	}

	// The executor has one thread: once a task queued now has run, every earlier one has.
	private void drain() throws Exception {
		this.loginExecutor.submit(() -> {
		}).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
	}

	private static String token(String text) {
		Matcher matcher = LINK.matcher(text);
		assertThat(matcher.find()).as("an absolute portal link in %s", text).isTrue();
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

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		MutableClock testClock() {
			return new MutableClock(Instant.now());
		}

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService loginExecutor() {
			return Executors.newSingleThreadExecutor();
		}

		@Bean
		PortalSessions testPortalSessions(BillingGateway gateway, PortalSessionStore store,
				PortalConfigurations configurations, ReturnUrlPolicy returnUrls, PortalLinks links,
				MutableClock clock) {
			return new PortalSessions(gateway, store, configurations, returnUrls, links, "full", clock);
		}

		@Bean
		EmailLogin testEmailLogin(BillingGateway gateway, PortalSessions sessions, LoginRateLimiter limiter,
				LoginLinkSender sender, ExecutorService loginExecutor, MutableClock clock) {
			return new EmailLogin(gateway, sessions, limiter, sender, loginExecutor,
					new EmailLogin.Limits(Duration.ofMinutes(15), 3, 4, Duration.ofHours(1)), "full", clock);
		}

	}

}
