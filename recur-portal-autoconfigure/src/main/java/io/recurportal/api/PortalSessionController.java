package io.recurportal.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.session.CreatedPortalSession;
import io.recurportal.session.PortalSessionRequest;
import io.recurportal.session.PortalSessions;
import io.recurportal.subscription.AccountSubscriptions;

/**
 * {@code POST /api/subscriptions/stripe/portal-session}: a one-time link into the portal
 * for the caller's account, with the caller's own configuration and rights.
 */
@RestController
@RequestMapping("${recur.portal.api.path:/api/subscriptions}/stripe")
public class PortalSessionController {

	private final PortalSessions sessions;

	private final AccountSubscriptions subscriptions;

	public PortalSessionController(PortalSessions sessions, AccountSubscriptions subscriptions) {
		this.sessions = sessions;
		this.subscriptions = subscriptions;
	}

	@PostMapping("/portal-session")
	@PortalEndpoint(PortalAction.OPEN_PORTAL)
	Link open(PortalCaller caller, @Valid @RequestBody(required = false) @Nullable OpenRequest request) {
		String customerId = this.subscriptions.customerId(caller.account().accountId())
			.orElseThrow(() -> new PortalException(PortalErrorCode.CUSTOMER_NOT_FOUND,
					"This account has no billing profile yet; subscribe first."));
		String returnUrl = (request != null) ? request.returnUrl() : null;
		CreatedPortalSession created = this.sessions.create(new PortalSessionRequest(customerId, null, null, returnUrl,
				caller.configuration().id(), (request != null) ? request.locale() : null, null,
				caller.account().owner()));
		return new Link(created.session().id(), created.url());
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record OpenRequest(@Nullable @Size(max = 2048) String returnUrl, @Nullable @Size(max = 35) String locale) {

	}

	record Link(String id, String url) {

	}

}
