package io.recurportal.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.testsupport.TestHostApplication;

/**
 * The pages' form tokens over the sandbox.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalCsrfTests.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json" })
@AutoConfigureMockMvc
class SandboxPortalCsrfTests extends PortalCsrfTests {

}
