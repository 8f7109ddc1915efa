package io.recurportal.access;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.Assert;

import io.recurportal.account.AccountContext;
import io.recurportal.account.AccountContextFilter;
import io.recurportal.configuration.PortalConfigurationResolver;

/**
 * The caller of a JSON API request: the {@link AccountContext} that
 * {@link AccountContextFilter} established from the JWT, with the configuration the
 * {@link PortalConfigurationResolver} gives them.
 */
public final class AccountPortalCallerResolver implements PortalCallerResolver {

	private final PortalConfigurationResolver configurationResolver;

	public AccountPortalCallerResolver(PortalConfigurationResolver configurationResolver) {
		Assert.notNull(configurationResolver, "configurationResolver must not be null");
		this.configurationResolver = configurationResolver;
	}

	@Override
	public Optional<PortalCaller> resolve(HttpServletRequest request) {
		Object context = request.getAttribute(AccountContextFilter.ACCOUNT_CONTEXT_ATTRIBUTE);
		if (!(context instanceof AccountContext account)) {
			return Optional.empty();
		}
		return Optional.of(new PortalCaller(account, this.configurationResolver.resolve(account)));
	}

}
