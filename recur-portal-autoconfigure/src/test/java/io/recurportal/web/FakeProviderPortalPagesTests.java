package io.recurportal.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.billing.fake.FakeProviderConfiguration;
import io.recurportal.testsupport.TestHostApplication;

/**
 * The portal pages over a third provider that plugs in with its own gateway,
 * capabilities and event source: the same cases as over the sandbox, its checkout on its
 * own origin.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalPagesTests.Config.class,
		FakeProviderConfiguration.class })
@AutoConfigureMockMvc
class FakeProviderPortalPagesTests extends PortalPagesTests {

}
