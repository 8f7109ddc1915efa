package io.recurportal.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.BillingProvider;
import io.recurportal.billing.fake.FakeBillingGateway;
import io.recurportal.billing.fake.FakeProviderConfiguration;
import io.recurportal.testsupport.TestHostApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

/**
 * The account API's access matrix against a third provider that plugs in with its own
 * gateway, capabilities and event source: the portal needs nothing of Stripe or the
 * sandbox.
 */
@SpringBootTest(
		classes = { TestHostApplication.class, PortalApiAccessMatrixTests.Config.class,
				FakeProviderConfiguration.class },
		properties = "recur.portal.allowed-return-origins=https://app.example.com")
class FakeProviderPortalApiAccessMatrixTests extends PortalApiAccessMatrixTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private MockMvc pages;

	@Test
	void theProviderIsTheFakeOneAlone() {
		assertThat(this.context.getBean(BillingGateway.class)).isInstanceOf(FakeBillingGateway.class);
		assertThat(this.context.getBean(BillingProvider.class).name()).isEqualTo(FakeProviderConfiguration.NAME);
		assertThat(this.context.getBeanNamesForType(BillingGateway.class)).hasSize(1);
		assertThat(this.context.containsBean("sandboxBillingGateway")).isFalse();
		assertThat(this.context.containsBean("sandboxEventBridge")).isFalse();
		assertThat(this.context.containsBean("recurPortalSandboxCheckoutController")).isFalse();
	}

	// The pages' forms may lead to the provider's own pages, and only to those.
	@Test
	void pagesMayPostToTheProvidersOriginOnly() throws Exception {
		this.pages.perform(get("/portal/login"))
			.andExpect(header().string("Content-Security-Policy",
					containsString("form-action 'self' " + FakeProviderConfiguration.ORIGIN)))
			.andExpect(header().string("Content-Security-Policy", not(containsString("stripe.com"))));
	}

}
