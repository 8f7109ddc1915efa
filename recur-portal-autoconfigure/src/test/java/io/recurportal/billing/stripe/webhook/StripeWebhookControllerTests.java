package io.recurportal.billing.stripe.webhook;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import io.recurportal.webhook.ProcessingTransactions;
import io.recurportal.webhook.InMemoryWebhookEventStore;
import io.recurportal.webhook.WebhookEventRecorder;
import io.recurportal.webhook.InMemoryRefreshQueue;
import io.recurportal.testsupport.TestSnapshots;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.billing.BillingGateway;
import io.recurportal.subscription.AccountSubscriptions;
import io.recurportal.subscription.InMemorySubscriptionMirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class StripeWebhookControllerTests {

	private static final String PAYLOAD = StripeEventReaderTests.event("evt_1", "charge.refunded",
			Instant.now().getEpochSecond(), "{\"id\": \"ch_1\", \"object\": \"charge\"}");

	private static WebhookEventRecorder recorder() {
		return new WebhookEventRecorder(new InMemoryWebhookEventStore(10), new InMemoryRefreshQueue(),
				ProcessingTransactions.none(), Clock.systemUTC(), Duration.ZERO, Duration.ZERO);
	}

	private static MockMvc mvc(List<String> secrets, String path) {
		WebhookEventRecorder processor = recorder();
		StripeWebhookController controller = new StripeWebhookController(
				new StripeSignatureVerifier(secrets, Duration.ofMinutes(5), Clock.systemUTC()), new StripeEventReader(),
				processor);
		return MockMvcBuilders.standaloneSetup(controller)
			.addPlaceholderValue("recur.portal.webhook.path", path)
			.build();
	}

	@Test
	void receiveWhenNoSecretConfiguredThenServiceUnavailableSoStripeRetries() throws Exception {
		mvc(List.of(), "/webhooks/stripe")
			.perform(post("/webhooks/stripe").contentType(MediaType.APPLICATION_JSON)
				.header(StripeWebhookController.SIGNATURE_HEADER,
						StripeSignatureVerifierTests.sign(PAYLOAD, "whsec_any", Instant.now()))
				.content(PAYLOAD))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("webhook_not_configured"));
	}

	@Test
	void receiveOnTheConfiguredPath() throws Exception {
		MockMvc mvc = mvc(List.of("whsec_1"), "/hooks/billing");
		mvc.perform(post("/hooks/billing").contentType(MediaType.APPLICATION_JSON)
			.header(StripeWebhookController.SIGNATURE_HEADER,
					StripeSignatureVerifierTests.sign(PAYLOAD, "whsec_1", Instant.now()))
			.content(PAYLOAD)).andExpect(status().isOk()).andExpect(jsonPath("$.received").value(true));
		mvc.perform(post("/webhooks/stripe").content(PAYLOAD)).andExpect(status().isNotFound());
	}

	@Test
	void receiveWhenEmptyBodyThenInvalidSignature() throws Exception {
		mvc(List.of("whsec_1"), "/webhooks/stripe")
			.perform(post("/webhooks/stripe").header(StripeWebhookController.SIGNATURE_HEADER,
					StripeSignatureVerifierTests.sign(PAYLOAD, "whsec_1", Instant.now())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("invalid_signature"));
	}


	@Test
	void receiveWhenBodyBeyondTheLimitThenPayloadTooLargeAfterReadingOneBytePastIt() throws Exception {
		WebhookEventRecorder processor = recorder();
		StripeWebhookController controller = new StripeWebhookController(
				new StripeSignatureVerifier(List.of("whsec_1"), Duration.ofMinutes(5), Clock.systemUTC()),
				new StripeEventReader(), processor);
		controller.setMaxBodyBytes(1024);
		AtomicLong read = new AtomicLong();
		// An endless body: reading it whole would never end.
		InputStream endless = new InputStream() {

			@Override
			public int read() {
				read.incrementAndGet();
				return ' ';
			}

		};
		ResponseEntity<?> answer = controller.receive("t=1,v1=00", endless);
		assertThat(answer.getStatusCode().value()).isEqualTo(413);
		assertThat(answer.getBody()).isInstanceOfSatisfying(ProblemDetail.class,
				(problem) -> assertThat(problem.getProperties()).containsEntry("code", "payload_too_large"));
		assertThat(read).hasValue(1025);
	}

}
