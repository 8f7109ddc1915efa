package io.recurportal.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.testsupport.TestHostApplication;

/**
 * Email change pages over the sandbox.
 */
@SpringBootTest(classes = { TestHostApplication.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json" })
@AutoConfigureMockMvc
class SandboxEmailChangePagesTests extends EmailChangePagesTests {

}
