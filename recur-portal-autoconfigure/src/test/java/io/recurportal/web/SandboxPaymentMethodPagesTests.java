package io.recurportal.web;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.billing.PaymentMethod;
import io.recurportal.testsupport.SandboxProviderTestHooks;
import io.recurportal.testsupport.TestHostApplication;

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
 * The saved payment methods pages over the sandbox, whose checkout page also saves a
 * test bank account (SEPA Direct Debit).
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalPagesTests.Config.class,
		SandboxProviderTestHooks.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json" })
@AutoConfigureMockMvc
class SandboxPaymentMethodPagesTests extends PaymentMethodPagesTests {

	@Test
	void aTestBankAccountIsAddedAtTheSandboxCheckoutAndListedAsASepaDebit() throws Exception {
		Cookie session = open("cus_add", "full", true);
		String checkout = this.mvc
			.perform(post("/portal/payment-method").cookie(session).with(csrf()).param("request_id", "r-sepa-1"))
			.andExpect(redirectedUrlPattern("/portal/sandbox/checkout/cs_*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(checkout).cookie(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("DE89 3704 0044 0532 0130 00")));
		this.mvc
			.perform(post(checkout + "/bank-account").cookie(session).with(csrf()).param("iban", "DE00 1234"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("The IBAN is not valid.")));
		String complete = this.mvc
			.perform(post(checkout + "/bank-account").cookie(session)
				.with(csrf())
				.param("iban", "DE89 3704 0044 0532 0130 00"))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		this.mvc.perform(get(complete.substring(complete.indexOf("/portal/"))).cookie(session))
			.andExpect(redirectedUrl("/portal?notice=card_updated"));
		assertThat(this.gateway.listPaymentMethods("cus_add")).extracting(PaymentMethod::type)
			.containsExactly("sepa_debit", "card");
		this.mvc.perform(get("/portal/payment-methods").cookie(session))
			.andExpect(content().string(containsString("SEPA Direct Debit ending in 3000")));
	}

}
