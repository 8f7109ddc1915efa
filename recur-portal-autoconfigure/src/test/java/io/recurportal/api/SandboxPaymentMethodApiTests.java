package io.recurportal.api;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.billing.CheckoutMode;
import io.recurportal.billing.CheckoutSession;
import io.recurportal.billing.CheckoutSessionRequest;
import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.subscription.SubscriptionCheckout;
import io.recurportal.testsupport.SandboxProviderTestHooks;
import io.recurportal.testsupport.TestHostApplication;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The saved payment methods API over the sandbox, whose checkout also saves a test bank
 * account.
 */
@SpringBootTest(
		classes = { TestHostApplication.class, SubscriptionApiTests.Config.class,
				SandboxProviderTestHooks.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com" })
@AutoConfigureMockMvc
class SandboxPaymentMethodApiTests extends PaymentMethodApiTests {

	@Autowired
	private SandboxBillingGateway sandbox;

	@Test
	void aSepaDebitSavedAtTheSandboxCheckoutIsListedByBankAndLastFour() throws Exception {
		CheckoutSession session = this.sandbox.createCheckoutSession(new CheckoutSessionRequest(CheckoutMode.SETUP,
				"cus_sepa", null, null, "https://app.example.com/ok", "https://app.example.com/back",
				Map.of(SubscriptionCheckout.ACCOUNT_METADATA_KEY, "acct_sepa"), "eur"), "sepa-test-1");
		this.sandbox.completeCheckoutSessionWithBankAccount(session.id(), "DE89 3704 0044 0532 0130 00");

		this.mvc.perform(as(get(API + "/payment-methods"), "acct_sepa"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data.length()").value(2))
			.andExpect(jsonPath("$.data[0].type").value("sepa_debit"))
			.andExpect(jsonPath("$.data[0].is_default").value(true))
			.andExpect(jsonPath("$.data[0].card").value(org.hamcrest.Matchers.nullValue()))
			.andExpect(jsonPath("$.data[0].bank_account.last4").value("3000"))
			.andExpect(jsonPath("$.data[1].type").value("card"));
	}

}
