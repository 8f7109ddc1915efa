package io.recurportal.access;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

import io.recurportal.account.AccountAuthenticationToken;
import io.recurportal.account.AccountContext;
import io.recurportal.configuration.PortalConfigurationResolver;

/**
 * The caller of a JSON API request: the account of the
 * {@link AccountAuthenticationToken} that the JWT became, with the configuration the
 * {@link PortalConfigurationResolver} gives them.
 */
public final class AccountPortalCallerResolver implements PortalCallerResolver {

	private final PortalConfigurationResolver configurationResolver;

	public AccountPortalCallerResolver(PortalConfigurationResolver configurationResolver) {
		Assert.notNull(configurationResolver, "configurationResolver must not be null");
		this.configurationResolver = configurationResolver;
	}

	@Override
	public Optional<PortalCaller> resolve(@Nullable Authentication authentication) {
		if (!(authentication instanceof AccountAuthenticationToken token) || !token.isAuthenticated()) {
			return Optional.empty();
		}
		AccountContext account = token.getAccount();
		return Optional.of(new PortalCaller(account, this.configurationResolver.resolve(account)));
	}

}
