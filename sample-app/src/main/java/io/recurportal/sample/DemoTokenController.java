package io.recurportal.sample;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /demo/token}: a signed JWT for any account, user and role, so the demo
 * can be tried without an identity provider. Never expose this in production.
 */
@RestController
class DemoTokenController {

	private final DemoTokens tokens;

	DemoTokenController(DemoTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping("/demo/token")
	TokenResponse token(@Valid @RequestBody TokenRequest request) {
		return new TokenResponse(this.tokens.issue(request.account(), request.user(), request.role()), "Bearer",
				DemoTokens.LIFETIME.toSeconds());
	}

	record TokenRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String account,
			@NotBlank @Pattern(regexp = "[A-Za-z0-9_.@-]{1,64}") String user,
			@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String role) {

	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record TokenResponse(String accessToken, String tokenType, long expiresIn) {

	}

}
