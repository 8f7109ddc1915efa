package io.recurportal.billing.stripe.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.recurportal.webhook.PortalBillingEvent;
import io.recurportal.webhook.SubscriptionCreatedEvent;
import io.recurportal.webhook.JdbcWebhookEventStore;
import io.recurportal.webhook.RefreshQueue;
import io.recurportal.webhook.RefreshWorker;
import io.recurportal.webhook.WebhookEventStore;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.Subscription;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.subscription.JdbcSubscriptionMirror;
import io.recurportal.subscription.SubscriptionMirror;
import io.recurportal.testsupport.TestHostApplication;

import static io.recurportal.testsupport.TestSubscriptions.active;
import static io.recurportal.testsupport.TestSubscriptions.canceledAtPeriodEnd;
import static io.recurportal.testsupport.TestSubscriptions.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Stripe's webhook endpoint in a host application on H2, with events signed by
 * stripe-java's {@code Webhook.Signature.generateSignatureHeader}: no JWT, no CSRF token,
 * and only genuine, fresh events change anything.
 */
@SpringBootTest(classes = { TestHostApplication.class, StripeWebhookIntegrationTests.Config.class },
		properties = { "recur.portal.webhook.secrets=whsec_previous,whsec_current",
				"recur.portal.login.enabled=false",
				// The tests do the work behind the webhook themselves, when they choose.
				"recur.portal.webhook.work.auto-startup=false" })
@AutoConfigureMockMvc
class StripeWebhookIntegrationTests {

	private static final String PATH = "/webhooks/stripe";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SubscriptionMirror mirror;

	@Autowired
	private WebhookEventStore events;

	@Autowired
	private Config config;

	@Autowired
	private RefreshWorker worker;

	@Autowired
	private RefreshQueue queue;

	@MockitoBean
	private BillingGateway gateway;

	@BeforeEach
	void clearHeard() {
		this.config.heard.clear();
	}

	private static String subscriptionEvent(String eventId, String type, String subscriptionId, Instant created) {
		return StripeEventReaderTests.event(eventId, type, created.getEpochSecond(), "{\"id\": \"" + subscriptionId
				+ "\", \"object\": \"subscription\", \"customer\": \"cus_1\", \"metadata\": {}}");
	}

	private void provider(Subscription subscription) {
		given(this.gateway.findSubscription(subscription.id())).willReturn(Optional.of(subscription));
		given(this.gateway.findCustomer("cus_1"))
			.willReturn(Optional.of(new Customer("cus_1", "acc_1", null, null, null, null, null, null, 0, null,
					Map.of())));
	}

	private ResultActions deliver(String payload, String secret, Instant signedAt) throws Exception {
		return this.mvc.perform(request(payload)
			.header(StripeWebhookController.SIGNATURE_HEADER, StripeSignatureVerifierTests.sign(payload, secret,
					signedAt)));
	}

	private static MockHttpServletRequestBuilder request(String payload) {
		return post(PATH).contentType("application/json; charset=utf-8").content(payload);
	}

	private void expectProblem(ResultActions result, int status, String code) throws Exception {
		result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value(code));
	}

	@Test
	void storesAreJdbcOnTheHostsDatabase() {
		assertThat(this.mirror).isInstanceOf(JdbcSubscriptionMirror.class);
		assertThat(this.events).isInstanceOf(JdbcWebhookEventStore.class);
	}

	@Test
	void deliverWhenValidThenProcessedWithoutJwtOrCsrfAndHostHears() throws Exception {
		provider(active("sub_valid"));
		deliver(subscriptionEvent("evt_valid", "customer.subscription.created", "sub_valid", Instant.now()),
				"whsec_current", Instant.now())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("processed"));
		// Recorded without asking the provider; the read happens behind the request.
		verifyNoInteractions(this.gateway);
		assertThat(this.events.isProcessed("evt_valid")).isTrue();
		assertThat(this.mirror.find("acc_1", "sub_valid")).isEmpty();
		assertThat(this.worker.drain()).isOne();
		assertThat(this.mirror.find("acc_1", "sub_valid")).contains(active("sub_valid"));
		assertThat(this.config.heard).containsExactly(new SubscriptionCreatedEvent("evt_valid", "acc_1",
				active("sub_valid")));
	}

	@Test
	void hostEndpointsStillNeedAuthentication() throws Exception {
		this.mvc.perform(get("/host/hello")).andExpect(status().isUnauthorized());
	}

	@Test
	void deliverWhenSignedWithThePreviousSecretThenProcessed() throws Exception {
		provider(active("sub_rotated"));
		deliver(subscriptionEvent("evt_rotated", "customer.subscription.updated", "sub_rotated", Instant.now()),
				"whsec_previous", Instant.now())
			.andExpect(status().isOk());
		assertThat(this.events.isProcessed("evt_rotated")).isTrue();
	}

	@Test
	void deliverWhenWrongSecretThenBadRequestAndNothingChanges() throws Exception {
		provider(active("sub_forged"));
		expectProblem(deliver(subscriptionEvent("evt_forged", "customer.subscription.created", "sub_forged",
				Instant.now()), "whsec_attacker", Instant.now()), 400, "invalid_signature");
		assertThat(this.mirror.find("acc_1", "sub_forged")).isEmpty();
		assertThat(this.events.isProcessed("evt_forged")).isFalse();
	}

	@Test
	void deliverWhenStaleThenBadRequest() throws Exception {
		expectProblem(deliver(subscriptionEvent("evt_stale", "customer.subscription.created", "sub_1",
				Instant.now()), "whsec_current", Instant.now().minusSeconds(600)), 400, "invalid_signature");
		assertThat(this.events.isProcessed("evt_stale")).isFalse();
	}

	@Test
	void deliverWhenFromTheFutureThenBadRequest() throws Exception {
		expectProblem(deliver(subscriptionEvent("evt_future", "customer.subscription.created", "sub_1",
				Instant.now()), "whsec_current", Instant.now().plusSeconds(600)), 400, "invalid_signature");
		assertThat(this.events.isProcessed("evt_future")).isFalse();
	}

	@Test
	void deliverWhenNoSignatureHeaderThenBadRequest() throws Exception {
		expectProblem(this.mvc.perform(request(subscriptionEvent("evt_unsigned", "customer.subscription.created",
				"sub_1", Instant.now()))), 400, "invalid_signature");
	}

	@Test
	void deliverWhenSignedButNotJsonThenBadRequest() throws Exception {
		expectProblem(deliver("{\"id\": \"evt_broken\",", "whsec_current", Instant.now()), 400, "invalid_request");
	}

	@Test
	void deliverWhenSignedButAnIdIsTooLongThenBadRequestSoStripeStopsRetrying() throws Exception {
		String tooLong = "x".repeat(300);
		expectProblem(deliver(subscriptionEvent("evt_" + tooLong, "customer.subscription.created", "sub_long",
				Instant.now()), "whsec_current", Instant.now()), 400, "invalid_request");
		expectProblem(deliver(subscriptionEvent("evt_long_sub", "customer.subscription.created", "sub_" + tooLong,
				Instant.now()), "whsec_current", Instant.now()), 400, "invalid_request");
		verifyNoInteractions(this.gateway);
		assertThat(this.events.isProcessed("evt_long_sub")).isFalse();
	}

	@Test
	void deliverTwiceThenProcessedOnce() throws Exception {
		provider(active("sub_twice"));
		String payload = subscriptionEvent("evt_twice", "customer.subscription.created", "sub_twice", Instant.now());
		deliver(payload, "whsec_current", Instant.now()).andExpect(jsonPath("$.outcome").value("processed"));
		deliver(payload, "whsec_current", Instant.now()).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("duplicate"));
		this.worker.drain();
		assertThat(this.config.heard).hasSize(1);
	}

	@Test
	void deliverOutOfOrderThenNewerStateWins() throws Exception {
		Instant now = Instant.now();
		Subscription pastDue = withStatus(active("sub_order"), SubscriptionStatus.PAST_DUE);
		provider(pastDue);
		deliver(subscriptionEvent("evt_order_2", "customer.subscription.updated", "sub_order", now.minusSeconds(10)),
				"whsec_current", now)
			.andExpect(status().isOk());
		this.worker.drain();
		// The provider moved on since; an event older than the one applied must not bring that in.
		provider(canceledAtPeriodEnd(active("sub_order")));
		deliver(subscriptionEvent("evt_order_1", "customer.subscription.updated", "sub_order", now.minusSeconds(20)),
				"whsec_current", now)
			.andExpect(status().isOk());
		this.worker.drain();
		assertThat(this.mirror.find("acc_1", "sub_order")).contains(pastDue);
		deliver(subscriptionEvent("evt_order_3", "customer.subscription.updated", "sub_order", now), "whsec_current",
				now)
			.andExpect(status().isOk());
		this.worker.drain();
		assertThat(this.mirror.find("acc_1", "sub_order")).contains(canceledAtPeriodEnd(active("sub_order")));
	}

	@Test
	void deliverWhenUnknownTypeThenAcknowledgedAndIgnored() throws Exception {
		String payload = StripeEventReaderTests.event("evt_refund", "charge.refunded", Instant.now().getEpochSecond(),
				"{\"id\": \"ch_1\", \"object\": \"charge\"}");
		deliver(payload, "whsec_current", Instant.now()).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("ignored"));
		assertThat(this.events.isProcessed("evt_refund")).isFalse();
	}

	@Test
	void deliverWhenProviderDownThenRecordedAndReadWhenItAnswers() throws Exception {
		provider(active("sub_down"));
		given(this.gateway.findSubscription("sub_down"))
			.willThrow(new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, "Stripe is down"))
			.willReturn(Optional.of(active("sub_down")));
		String payload = subscriptionEvent("evt_down", "customer.subscription.created", "sub_down", Instant.now());
		deliver(payload, "whsec_current", Instant.now()).andExpect(jsonPath("$.outcome").value("processed"));
		assertThat(this.worker.drain()).isZero();
		assertThat(this.mirror.find("acc_1", "sub_down")).isEmpty();
		assertThat(this.config.heard).isEmpty();
		assertThat(this.queue.backlog().size()).isOne();
		assertThat(this.worker.drain()).isOne();
		assertThat(this.mirror.find("acc_1", "sub_down")).isPresent();
		assertThat(this.config.heard).hasSize(1);
		assertThat(this.queue.backlog().size()).isZero();
	}

	@Test
	void deliverWhenReadFailsUnexpectedlyThenTheWorkIsKept() throws Exception {
		given(this.gateway.findSubscription("sub_bug")).willThrow(new IllegalStateException("bug"));
		deliver(subscriptionEvent("evt_bug", "customer.subscription.created", "sub_bug", Instant.now()),
				"whsec_current", Instant.now())
			.andExpect(status().isOk());
		assertThat(this.worker.drain()).isZero();
		assertThat(this.queue.backlog().size()).isOne();
		// Whatever the provider does next, the work is not lost.
		willReturn(Optional.empty()).given(this.gateway).findSubscription("sub_bug");
		this.worker.drain();
		assertThat(this.queue.backlog().size()).isZero();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		final List<PortalBillingEvent> heard = new CopyOnWriteArrayList<>();

		@EventListener
		void on(PortalBillingEvent event) {
			this.heard.add(event);
		}

	}

}
