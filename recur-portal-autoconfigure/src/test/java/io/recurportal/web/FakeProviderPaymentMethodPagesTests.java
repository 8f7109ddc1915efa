package io.recurportal.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.billing.fake.FakeProviderConfiguration;
import io.recurportal.testsupport.TestHostApplication;

/**
 * The saved payment methods pages over a third provider.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalPagesTests.Config.class,
		FakeProviderConfiguration.class })
@AutoConfigureMockMvc
class FakeProviderPaymentMethodPagesTests extends PaymentMethodPagesTests {

}
