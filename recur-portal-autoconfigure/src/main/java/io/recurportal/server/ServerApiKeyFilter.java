package io.recurportal.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.RecurErrorEnvelope;

/**
 * Authenticates the server API by a portal secret key sent as a bearer token, compared
 * in constant time with every configured key. Anything else is answered 401
 * {@code invalid_api_key} in Recur's envelope.
 */
public final class ServerApiKeyFilter extends OncePerRequestFilter {

	private final List<byte[]> keyDigests;

	private SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	public ServerApiKeyFilter(Collection<String> secretKeys) {
		Assert.notNull(secretKeys, "secretKeys must not be null");
		this.keyDigests = secretKeys.stream().filter((key) -> !key.isBlank()).map(ServerApiKeyFilter::digest).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (key == null || !matches(key)) {
			RecurErrorEnvelope.write(response, PortalErrorCode.INVALID_API_KEY,
					"A valid portal secret key is required as a bearer token.");
			return;
		}
		SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("portal-server-api", null,
				AuthorityUtils.createAuthorityList("ROLE_PORTAL_SERVER_API")));
		this.securityContextHolderStrategy.setContext(context);
		chain.doFilter(request, response);
	}

	/**
	 * Sets the strategy that holds the security context.
	 * @param securityContextHolderStrategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy securityContextHolderStrategy) {
		Assert.notNull(securityContextHolderStrategy, "securityContextHolderStrategy must not be null");
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	// Digests have one length, so comparing them leaks neither a key nor its length.
	private boolean matches(String key) {
		byte[] candidate = digest(key);
		boolean matched = false;
		for (byte[] digest : this.keyDigests) {
			matched |= MessageDigest.isEqual(digest, candidate);
		}
		return matched;
	}

	private static @Nullable String bearer(@Nullable String header) {
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String key = header.substring(7).trim();
		return key.isEmpty() ? null : key;
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required", ex);
		}
	}

}
