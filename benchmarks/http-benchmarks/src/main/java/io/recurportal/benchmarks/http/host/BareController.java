package io.recurportal.benchmarks.http.host;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of the throughput benchmark: a tiny JSON answer that costs nothing but
 * the way in. It is mapped under the portal's API prefix so that it passes through the
 * portal's own API security chain (which matches only that prefix): the same filter
 * chain instance, JWT decoder (RS256 signature, issuer, expiry), body limit and account
 * context filter as {@code GET /api/subscriptions}, and nothing of the portal after it.
 */
@RestController
class BareController {

	/** The path, below the portal's API prefix. */
	static final String PATH = "${recur.portal.api.path:/api/subscriptions}/bench/bare";

	private static final Map<String, String> OK = Map.of("status", "ok");

	@GetMapping(PATH)
	Map<String, String> bare() {
		return OK;
	}

}
