package io.recurportal.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.testsupport.SandboxProviderTestHooks;
import io.recurportal.testsupport.TestHostApplication;

/**
 * The account API's behaviour over the sandbox.
 */
@SpringBootTest(
		classes = { TestHostApplication.class, SubscriptionApiTests.Config.class,
				SandboxProviderTestHooks.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com" })
@AutoConfigureMockMvc
class SandboxSubscriptionApiTests extends SubscriptionApiTests {

}
