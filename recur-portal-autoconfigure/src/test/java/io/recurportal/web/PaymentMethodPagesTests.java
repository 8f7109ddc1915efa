package io.recurportal.web;

import java.util.List;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import io.recurportal.audit.AuditEntry;
import io.recurportal.audit.AuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.PaymentMethod;
import io.recurportal.billing.SubscriptionStatus;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The saved payment methods pages, whichever provider answers ({@link SandboxPaymentMethodPagesTests},
 * {@link FakeProviderPaymentMethodPagesTests}): who may reach each one, and each action
 * through plain forms. Same settings as {@link PortalPagesTests}, so they share its
 * application context; each test works on its own seeded account.
 */
@TestPropertySource(properties = { "recur.portal.allowed-return-origins=https://app.example.com",
		"recur.portal.base-url=https://billing.example.com",
		"recur.portal.configurations.full.branding.business-name=Inbox Manager",
		"recur.portal.configurations.full.branding.primary-color=#4f46e5" })
abstract class PaymentMethodPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	private PortalSessions sessions;

	@Autowired
	BillingGateway gateway;

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
	void everyPageAndFormNeedsAnOwnerWithTheFeatureAndTheCustomersOwnIds() throws Exception {
		String own = paymentMethodOf("cus_active", "4242");
		String others = paymentMethodOf("cus_other", "4242");
		List<Row> rows = List.of(new Row(HttpMethod.GET, "/portal/payment-methods", 200),
				new Row(HttpMethod.POST, "/portal/payment-methods/" + own + "/default", 302),
				new Row(HttpMethod.POST, "/portal/payment-methods/" + own + "/remove", 409),
				new Row(HttpMethod.POST, "/portal/payment-methods/" + others + "/default", 404),
				new Row(HttpMethod.POST, "/portal/payment-methods/" + others + "/remove", 404),
				new Row(HttpMethod.GET, "/portal/subscriptions/sub_active/pay", 409),
				new Row(HttpMethod.POST, "/portal/subscriptions/sub_active/pay", 409),
				new Row(HttpMethod.GET, "/portal/subscriptions/sub_other/pay", 404),
				new Row(HttpMethod.POST, "/portal/subscriptions/sub_other/pay", 404));
		Cookie owner = open("cus_active", "full", true);
		Cookie viewOnly = open("cus_active", "full", false);
		Cookie invoices = open("cus_active", "invoices", true);
		for (Row row : rows) {
			assertThat(perform(row, null, true).getStatus()).as("no session: " + row).isEqualTo(401);
			assertThat(perform(row, invoices, true).getStatus()).as("invoices: " + row).isEqualTo(403);
			MockHttpServletResponse member = perform(row, viewOnly, true);
			assertThat(member.getStatus()).as("view only: " + row).isEqualTo(403);
			assertThat(member.getContentAsString()).contains("Only an owner");
			assertThat(perform(row, owner, true).getStatus()).as("owner: " + row).isEqualTo(row.ownerStatus());
			if (row.method() == HttpMethod.POST) {
				assertThat(perform(row, owner, false).getStatus()).as("no CSRF token: " + row).isEqualTo(403);
			}
		}
		assertThat(this.gateway.listPaymentMethods("cus_other")).extracting(PaymentMethod::id).contains(others);
		assertThat(this.gateway.listPaymentMethods("cus_active")).extracting(PaymentMethod::id).containsExactly(own);
	}

	@Test
	void listShowsEveryMethodAndChoosingAnotherDefaultIsOneForm() throws Exception {
		Cookie session = open("cus_wallet", "full", true);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(content().string(containsString("/portal/payment-methods")));
		this.mvc.perform(get("/portal/payment-methods").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Visa ending in 4242, expires 12/2030")))
			.andExpect(content().string(containsString("Mastercard ending in 4444, expires 11/2031")))
			.andExpect(content().string(containsString("Visa ending in 5556, expires 01/2020")))
			.andExpect(content().string(containsString("Expired")))
			.andExpect(content().string(containsString("Default")));
		String mastercard = paymentMethodOf("cus_wallet", "4444");
		this.mvc
			.perform(post("/portal/payment-methods/" + mastercard + "/default").cookie(session)
				.with(csrf())
				.param("request_id", "r-default-1"))
			.andExpect(redirectedUrl("/portal/payment-methods?notice=default_changed"));
		assertThat(this.gateway.findCustomer("cus_wallet").orElseThrow().defaultPaymentMethodId())
			.isEqualTo(mastercard);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(content().string(containsString("Mastercard ending in 4444")));
		this.mvc.perform(get("/portal/payment-methods?notice=default_changed").cookie(session))
			.andExpect(content().string(containsString("Your default payment method has been changed.")));
	}

	@Test
	void removeOneThenTheLastOneIsRefusedWithAPage() throws Exception {
		Cookie session = open("cus_remove", "full", true);
		String visa = paymentMethodOf("cus_remove", "4242");
		String mastercard = paymentMethodOf("cus_remove", "4444");
		this.mvc
			.perform(post("/portal/payment-methods/" + mastercard + "/remove").cookie(session)
				.with(csrf())
				.param("request_id", "r-remove-1"))
			.andExpect(redirectedUrl("/portal/payment-methods?notice=payment_method_removed"));
		this.mvc
			.perform(post("/portal/payment-methods/" + visa + "/remove").cookie(session)
				.with(csrf())
				.param("request_id", "r-remove-2"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("only payment method")));
		assertThat(this.gateway.listPaymentMethods("cus_remove")).extracting(PaymentMethod::id).containsExactly(visa);
		assertThat(this.auditTrail.findByAccount("acct_remove", 5)).extracting(AuditEntry::action)
			.contains("remove_payment_method");
	}

	@Test
	void onHoldSubscriptionIsPaidWithAChosenSavedCardAfterADeclinedOne() throws Exception {
		Cookie session = open("cus_recover", "full", true);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(content().string(containsString("/portal/subscriptions/sub_recover/pay")));
		this.mvc.perform(get("/portal/subscriptions/sub_recover/pay").cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("is due for Starter")))
			.andExpect(content().string(containsString("Visa ending in 0341")))
			.andExpect(content().string(containsString("Visa ending in 4242")));
		this.mvc
			.perform(post("/portal/subscriptions/sub_recover/pay").cookie(session)
				.with(csrf())
				.param("payment_method", paymentMethodOf("cus_recover", "0341"))
				.param("request_id", "r-pay-1"))
			.andExpect(redirectedUrl("/portal/subscriptions/sub_recover/pay?error=payment_failed"));
		this.mvc.perform(get("/portal/subscriptions/sub_recover/pay?error=payment_failed").cookie(session))
			.andExpect(content().string(containsString("The payment failed.")));
		this.mvc
			.perform(post("/portal/subscriptions/sub_recover/pay").cookie(session)
				.with(csrf())
				.param("payment_method", paymentMethodOf("cus_recover", "4242"))
				.param("request_id", "r-pay-2"))
			.andExpect(redirectedUrl("/portal?notice=recovered"));
		assertThat(this.gateway.findSubscription("sub_recover").orElseThrow().status())
			.isEqualTo(SubscriptionStatus.ACTIVE);
		this.mvc.perform(get("/portal").cookie(session))
			.andExpect(content().string(not(containsString("/portal/subscriptions/sub_recover/pay"))));
	}

	private MockHttpServletResponse perform(Row row, Cookie session, boolean withCsrf) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(row.method(), row.path());
		if (session != null) {
			request.cookie(session);
		}
		if (row.method() == HttpMethod.POST) {
			request.param("request_id", "r-matrix").param("payment_method", paymentMethodOf("cus_active", "4242"));
			if (withCsrf) {
				request.with(csrf());
			}
		}
		return this.mvc.perform(request).andReturn().getResponse();
	}

	Cookie open(String customerId, String configuration, boolean owner) throws Exception {
		String url = this.sessions
			.create(new PortalSessionRequest(customerId, null, null, PortalPagesTests.RETURN, configuration, null,
					null, owner))
			.url();
		return this.mvc.perform(get(url.substring(url.indexOf("/portal/s/"))))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getCookie(PortalCookies.SESSION);
	}

	record Row(HttpMethod method, String path, int ownerStatus) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

}
