package io.recurportal.api;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalEndpoint;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

/**
 * Answers any path under the API prefix that no endpoint matches with the API's own
 * {@code not_found} problem, rather than the host's static-resource 404. Being the
 * least specific mapping, it never shadows a real endpoint.
 */
@RestController
public class UnknownApiPathController {

	@RequestMapping("${recur.portal.api.path:/api/subscriptions}/**")
	@PortalEndpoint.Public("Answers not_found, behind the API's bearer authentication.")
	void unknown() {
		throw new PortalException(PortalErrorCode.NOT_FOUND, "No such endpoint.");
	}

}
