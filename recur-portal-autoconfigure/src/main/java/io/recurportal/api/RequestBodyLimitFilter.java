package io.recurportal.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalProblemDetails;

/**
 * Refuses API request bodies declared larger than a limit with 413
 * {@code payload_too_large}, before anything reads them. Every body the API takes is a
 * few hundred bytes.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	public RequestBodyLimitFilter(long maxBytes) {
		Assert.isTrue(maxBytes > 0, "maxBytes must be positive");
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			PortalProblemDetails.write(response, PortalErrorCode.PAYLOAD_TOO_LARGE,
					"The request body is larger than " + this.maxBytes + " bytes.");
			return;
		}
		chain.doFilter(request, response);
	}

}
