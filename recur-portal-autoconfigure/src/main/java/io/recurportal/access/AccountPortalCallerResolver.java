package io.recurportal.access;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

import io.recurportal.account.AccountAuthenticationToken;
import io.recurportal.account.AccountClaimMissingException;
import io.recurportal.account.AccountJwtAuthenticationConverter;
import io.recurportal.account.AccountContext;
import io.recurportal.configuration.PortalConfigurationResolver;

/**
 * The caller of a JSON API request: the account of the
 * {@link AccountAuthenticationToken} that the JWT became, with the configuration the
 * {@link PortalConfigurationResolver} gives them.
 * <p>
 * Given the portal's converter, a plain {@link JwtAuthenticationToken} (what
 * spring-security-test's {@code jwt()} makes, or a host's own resource-server chain) is
 * read through that same converter, so hosts' tests exercise the real claims mapping.
 */
public final class AccountPortalCallerResolver implements PortalCallerResolver {

	private final PortalConfigurationResolver configurationResolver;

	private final @Nullable AccountJwtAuthenticationConverter converter;

	/**
	 * A resolver that knows only tokens the portal's converter made.
	 * @param configurationResolver gives each account its configuration
	 */
	public AccountPortalCallerResolver(PortalConfigurationResolver configurationResolver) {
		this(configurationResolver, null);
	}

	/**
	 * A resolver that also reads plain JWT authentications through the converter.
	 * @param configurationResolver gives each account its configuration
	 * @param converter the portal's JWT converter, or {@code null} to refuse plain tokens
	 */
	public AccountPortalCallerResolver(PortalConfigurationResolver configurationResolver,
			@Nullable AccountJwtAuthenticationConverter converter) {
		Assert.notNull(configurationResolver, "configurationResolver must not be null");
		this.configurationResolver = configurationResolver;
		this.converter = converter;
	}

	@Override
	public Optional<PortalCaller> resolve(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return Optional.empty();
		}
		AccountContext account = account(authentication);
		return (account != null) ? Optional.of(new PortalCaller(account, this.configurationResolver.resolve(account)))
				: Optional.empty();
	}

	private @Nullable AccountContext account(Authentication authentication) {
		if (authentication instanceof AccountAuthenticationToken token) {
			return token.getAccount();
		}
		if (authentication instanceof JwtAuthenticationToken jwt && this.converter != null) {
			try {
				return this.converter.convert(jwt.getToken()).getAccount();
			}
			catch (AccountClaimMissingException ex) {
				return null;
			}
		}
		return null;
	}

}
