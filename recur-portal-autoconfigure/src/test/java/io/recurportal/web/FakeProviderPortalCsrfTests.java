package io.recurportal.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.billing.fake.FakeProviderConfiguration;
import io.recurportal.testsupport.TestHostApplication;

/**
 * The pages' form tokens over the fake provider, which plugs in with its own gateway,
 * capabilities and event source.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalCsrfTests.Config.class,
		FakeProviderConfiguration.class })
@AutoConfigureMockMvc
class FakeProviderPortalCsrfTests extends PortalCsrfTests {

}
