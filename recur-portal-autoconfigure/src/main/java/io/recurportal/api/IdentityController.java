package io.recurportal.api;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.account.AccountContext;
import io.recurportal.account.AccountCustomerResolver;
import io.recurportal.configuration.PortalFeature;

/**
 * {@code GET /api/subscriptions/identity}: who the portal thinks the caller is.
 */
@RestController
@RequestMapping("${recur.portal.api.path:/api/subscriptions}")
public class IdentityController {

	private final AccountCustomerResolver customerResolver;

	public IdentityController(AccountCustomerResolver customerResolver) {
		this.customerResolver = customerResolver;
	}

	@GetMapping("/identity")
	@PortalEndpoint(PortalAction.VIEW_IDENTITY)
	Identity identity(PortalCaller caller) {
		AccountContext account = caller.account();
		List<String> features = caller.configuration()
			.features()
			.stream()
			.sorted()
			.map(PortalFeature::value)
			.toList();
		return new Identity(account.accountId(), account.userId(), account.roles(), account.owner(),
				this.customerResolver.resolveCustomerId(account.accountId()).orElse(null),
				caller.configuration().id(), features);
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Identity(String accountId, @Nullable String userId, Set<String> roles, boolean owner,
			@Nullable String customerId, String configuration, List<String> features) {

	}

}
