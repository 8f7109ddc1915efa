package io.recurportal.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.billing.fake.FakeProviderConfiguration;
import io.recurportal.testsupport.TestHostApplication;

/**
 * The saved payment methods API over a third provider that plugs in with its own gateway.
 */
@SpringBootTest(
		classes = { TestHostApplication.class, SubscriptionApiTests.Config.class,
				FakeProviderConfiguration.class },
		properties = "recur.portal.allowed-return-origins=https://app.example.com")
@AutoConfigureMockMvc
class FakeProviderPaymentMethodApiTests extends PaymentMethodApiTests {

}
