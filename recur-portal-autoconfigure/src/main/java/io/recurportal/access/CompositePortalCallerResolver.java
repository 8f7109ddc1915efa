package io.recurportal.access;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Asks resolvers in order and answers with the first caller found.
 */
public final class CompositePortalCallerResolver implements PortalCallerResolver {

	private final List<PortalCallerResolver> resolvers;

	public CompositePortalCallerResolver(List<PortalCallerResolver> resolvers) {
		this.resolvers = List.copyOf(resolvers);
	}

	@Override
	public Optional<PortalCaller> resolve(HttpServletRequest request) {
		for (PortalCallerResolver resolver : this.resolvers) {
			Optional<PortalCaller> caller = resolver.resolve(request);
			if (caller.isPresent()) {
				return caller;
			}
		}
		return Optional.empty();
	}

}
