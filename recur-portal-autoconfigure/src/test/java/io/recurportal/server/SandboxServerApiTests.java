package io.recurportal.server;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.recurportal.testsupport.TestHostApplication;

/**
 * The server API over the sandbox.
 */
@SpringBootTest(classes = { TestHostApplication.class, ServerApiTests.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json" })
@AutoConfigureMockMvc
class SandboxServerApiTests extends ServerApiTests {

}
