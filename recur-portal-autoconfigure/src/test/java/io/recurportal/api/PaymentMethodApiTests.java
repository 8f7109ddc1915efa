package io.recurportal.api;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.recurportal.audit.AuditEntry;
import io.recurportal.audit.AuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.testsupport.ProviderTestHooks;

import static io.recurportal.testsupport.AccountJwts.accountJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The saved payment methods API, whichever provider answers: each subclass runs it
 * against one ({@link SandboxPaymentMethodApiTests}, {@link FakeProviderPaymentMethodApiTests}).
 * Each test works on its own seeded account.
 */
abstract class PaymentMethodApiTests {

	static final String API = "/api/subscriptions";

	@Autowired
	MockMvc mvc;

	@Autowired
	BillingGateway gateway;

	@Autowired
	private ProviderTestHooks hooks;

	@Autowired
	private AuditTrail auditTrail;

	String paymentMethodOf(String customerId, String last4) {
		return this.gateway.listPaymentMethods(customerId)
			.stream()
			.filter((method) -> method.card() != null && method.card().last4().equals(last4))
			.map(PaymentMethod::id)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void listShowsEverySavedMethodTheDefaultFirstWithExpiredCardsFlagged() throws Exception {
		this.mvc.perform(as(get(API + "/payment-methods"), "acct_wallet"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data.length()").value(3))
			.andExpect(jsonPath("$.data[0].card.last4").value("4242"))
			.andExpect(jsonPath("$.data[0].is_default").value(true))
			.andExpect(jsonPath("$.data[0].type").value("card"))
			.andExpect(jsonPath("$.data[0].card.brand").value("visa"))
			.andExpect(jsonPath("$.data[0].card.exp_month").value(12))
			.andExpect(jsonPath("$.data[0].card.exp_year").value(2030))
			.andExpect(jsonPath("$.data[0].bank_account").value(nullValue()))
			.andExpect(jsonPath("$.data[0].expired").value(false))
			.andExpect(jsonPath("$.data[1].card.last4").value("5556"))
			.andExpect(jsonPath("$.data[1].is_default").value(false))
			.andExpect(jsonPath("$.data[1].expired").value(true))
			.andExpect(jsonPath("$.data[2].card.last4").value("4444"))
			.andExpect(jsonPath("$.data[2].card.brand").value("mastercard"))
			.andExpect(jsonPath("$.data[2].expired").value(false));
	}

	@Test
	void makeDefaultChoosesAnotherSavedMethodAndIsAudited() throws Exception {
		String mastercard = paymentMethodOf("cus_wallet", "4444");
		this.mvc.perform(as(post(API + "/payment-methods/" + mastercard + "/default"), "acct_wallet"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data[0].id").value(mastercard))
			.andExpect(jsonPath("$.data[0].is_default").value(true))
			.andExpect(jsonPath("$.data[1].is_default").value(false));
		assertThat(this.gateway.findCustomer("cus_wallet").orElseThrow().defaultPaymentMethodId())
			.isEqualTo(mastercard);
		assertThat(this.auditTrail.findByAccount("acct_wallet", 5)).extracting(AuditEntry::action, AuditEntry::target,
				AuditEntry::result)
			.contains(org.assertj.core.groups.Tuple.tuple("set_default_payment_method", mastercard,
					AuditEntry.SUCCEEDED));
		// Back, so the list test sees the seeded default whatever the order.
		String visa = paymentMethodOf("cus_wallet", "4242");
		this.mvc.perform(as(post(API + "/payment-methods/" + visa + "/default"), "acct_wallet"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data[0].id").value(visa));
	}

	@Test
	void anotherCustomersPaymentMethodIsNotFoundForEveryAction() throws Exception {
		String others = paymentMethodOf("cus_other", "4242");
		this.mvc.perform(as(post(API + "/payment-methods/" + others + "/default"), "acct_wallet"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("payment_method_not_found"));
		this.mvc.perform(as(delete(API + "/payment-methods/" + others), "acct_wallet"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("payment_method_not_found"));
		this.mvc
			.perform(as(post(API + "/sub_recover/pay"), "acct_recover").contentType(MediaType.APPLICATION_JSON)
				.content("{\"payment_method_id\":\"" + others + "\"}"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("payment_method_not_found"));
		assertThat(this.gateway.listPaymentMethods("cus_other")).extracting(PaymentMethod::id).contains(others);
	}

	@Test
	void removingTheDefaultMakesAnotherTheDefaultAndTheLastOneCannotGoWhileASubscriptionIsDue() throws Exception {
		String visa = paymentMethodOf("cus_remove", "4242");
		String mastercard = paymentMethodOf("cus_remove", "4444");
		this.mvc.perform(as(delete(API + "/payment-methods/" + visa), "acct_remove"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data.length()").value(1))
			.andExpect(jsonPath("$.data[0].id").value(mastercard))
			.andExpect(jsonPath("$.data[0].is_default").value(true));
		this.mvc.perform(as(post(API + "/payment-methods/" + mastercard + "/remove"), "acct_remove"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("payment_method_required"));
		assertThat(this.gateway.listPaymentMethods("cus_remove")).extracting(PaymentMethod::id)
			.containsExactly(mastercard);
		assertThat(this.auditTrail.findByAccount("acct_remove", 5)).extracting(AuditEntry::action, AuditEntry::result)
			.contains(org.assertj.core.groups.Tuple.tuple("remove_payment_method", AuditEntry.SUCCEEDED),
					org.assertj.core.groups.Tuple.tuple("remove_payment_method", "payment_method_required"));
	}

	@Test
	void onHoldSubscriptionShowsWhatIsDueAndIsPaidWithAChosenSavedMethod() throws Exception {
		this.mvc.perform(as(get(API + "/sub_recover/pay"), "acct_recover"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subscription_id").value("sub_recover"))
			.andExpect(jsonPath("$.amount_due").value(greaterThan(0)))
			.andExpect(jsonPath("$.currency").value("usd"))
			.andExpect(jsonPath("$.invoice_ids.length()").value(greaterThan(0)));
		String failing = paymentMethodOf("cus_recover", "0341");
		String good = paymentMethodOf("cus_recover", "4242");
		this.mvc
			.perform(as(post(API + "/sub_recover/pay"), "acct_recover").contentType(MediaType.APPLICATION_JSON)
				.content("{\"payment_method_id\":\"" + failing + "\"}"))
			.andExpect(status().isPaymentRequired())
			.andExpect(jsonPath("$.code").value("payment_failed"));
		this.mvc.perform(as(get(API), "acct_recover")).andExpect(jsonPath("$.data[0].on_hold").value(true));
		this.mvc
			.perform(as(post(API + "/sub_recover/pay"), "acct_recover").contentType(MediaType.APPLICATION_JSON)
				.content("{\"payment_method_id\":\"" + good + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("sub_recover"))
			.andExpect(jsonPath("$.status").value("active"))
			.andExpect(jsonPath("$.on_hold").value(false));
		assertThat(this.gateway.findCustomer("cus_recover").orElseThrow().defaultPaymentMethodId()).isEqualTo(good);
		this.mvc.perform(as(get(API + "/sub_recover/pay"), "acct_recover"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("invalid_subscription_state"));
		assertThat(this.auditTrail.findByAccount("acct_recover", 5)).extracting(AuditEntry::action, AuditEntry::result)
			.contains(org.assertj.core.groups.Tuple.tuple("pay_with_payment_method", "payment_failed"),
					org.assertj.core.groups.Tuple.tuple("pay_with_payment_method", AuditEntry.SUCCEEDED));
	}

	@Test
	void payRefusesAMissingPaymentMethod() throws Exception {
		this.mvc
			.perform(as(post(API + "/sub_recover/pay"), "acct_recover").contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("invalid_request"));
	}

	@Test
	void addingAMethodGoesThroughTheProvidersCheckoutAndListsItAfterwards() throws Exception {
		String body = this.mvc
			.perform(as(post(API + "/payment-methods"), "acct_add").contentType(MediaType.APPLICATION_JSON)
				.content("{\"success_url\":\"https://app.example.com/billing?session={CHECKOUT_SESSION_ID}\","
						+ "\"cancel_url\":\"https://app.example.com/billing\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.url").value(startsWith(this.hooks.checkoutUrlPrefix())))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String sessionId = JsonPath.read(body, "$.id");
		this.mvc
			.perform(as(post(API + "/payment-methods/checkout-session-sync"), "acct_add")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"session_id\":\"" + sessionId + "\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("checkout_incomplete"));
		this.hooks.completeCheckout(sessionId);
		this.mvc
			.perform(as(post(API + "/payment-methods/checkout-session-sync"), "acct_add")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"session_id\":\"" + sessionId + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("updated"))
			.andExpect(jsonPath("$.data.length()").value(2))
			.andExpect(jsonPath("$.data[0].is_default").value(true));
	}

	@Test
	void addingAMethodRefusesAReturnUrlOffTheAllowedOrigins() throws Exception {
		this.mvc
			.perform(as(post(API + "/payment-methods"), "acct_add").contentType(MediaType.APPLICATION_JSON)
				.content("{\"success_url\":\"https://evil.example.net/\",\"cancel_url\":\"https://app.example.com/\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("return_url_not_allowed"));
	}

	static MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request, String account) {
		return request.with(accountJwt((token) -> token.subject("owner").claim("acc", account).claim("role", "owner")));
	}

}
