package io.recurportal.access;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * Asks resolvers in order and answers with the first caller found.
 */
public final class CompositePortalCallerResolver implements PortalCallerResolver {

	private final List<PortalCallerResolver> resolvers;

	public CompositePortalCallerResolver(List<PortalCallerResolver> resolvers) {
		this.resolvers = List.copyOf(resolvers);
	}

	@Override
	public Optional<PortalCaller> resolve(@Nullable Authentication authentication) {
		for (PortalCallerResolver resolver : this.resolvers) {
			Optional<PortalCaller> caller = resolver.resolve(authentication);
			if (caller.isPresent()) {
				return caller;
			}
		}
		return Optional.empty();
	}

}
