package io.recurportal.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.billing.fake.FakeProviderConfiguration;
import io.recurportal.testsupport.TestHostApplication;

/**
 * The login pages over the fake provider, which plugs in with its own gateway,
 * capabilities and event source.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalLoginPagesTests.Config.class,
		FakeProviderConfiguration.class })
@AutoConfigureMockMvc
class FakeProviderPortalLoginPagesTests extends PortalLoginPagesTests {

}
