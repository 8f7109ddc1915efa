package io.recurportal.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A host application with one endpoint of its own and no security configuration: it
 * relies on Boot's defaults, as many hosts do.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestHostApplication.HostController.class)
public class TestHostApplication {

	@RestController
	static class HostController {

		@GetMapping("/host/hello")
		String hello() {
			return "hello from the host";
		}

		@GetMapping("/host/public")
		String open() {
			return "public";
		}

	}

}
