package io.recurportal.web;

import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalCallerResolver;
import io.recurportal.account.AccountContext;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.session.PortalSession;

/**
 * The caller of a portal page: the customer of the browser's portal session (a
 * {@link PortalSessionAuthenticationToken}), with the configuration the session was
 * created with.
 */
public final class PortalSessionCallerResolver implements PortalCallerResolver {

	private final PortalConfigurations configurations;

	public PortalSessionCallerResolver(PortalConfigurations configurations) {
		Assert.notNull(configurations, "configurations must not be null");
		this.configurations = configurations;
	}

	@Override
	public Optional<PortalCaller> resolve(@Nullable Authentication authentication) {
		if (!(authentication instanceof PortalSessionAuthenticationToken token) || token.getSession() == null) {
			return Optional.empty();
		}
		PortalSession session = token.getSession();
		return Optional.of(callerOf(session, this.configurations));
	}

	static PortalCaller callerOf(PortalSession session, PortalConfigurations configurations) {
		PortalConfiguration configuration = configurations.find(session.configurationId())
			.orElseGet(() -> configurations.get(PortalConfiguration.INVOICES));
		AccountContext account = new AccountContext(accountIdOf(session), "portal-session:" + session.id(), Set.of(),
				session.owner());
		return new PortalCaller(account, configuration);
	}

	static String accountIdOf(PortalSession session) {
		return (session.accountId() != null) ? session.accountId()
				: AccountContext.CUSTOMER_ACCOUNT_PREFIX + session.customerId();
	}

}
