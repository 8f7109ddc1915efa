package io.recurportal.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.EmailAddresses;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.login.EmailLogin;

/**
 * The static portal link: a customer enters the email used at purchase and gets a
 * one-time login link by email. The answer is the same whether or not the email belongs
 * to a customer. A plain form: no portal session and no JavaScript needed.
 */
@Controller
@RequestMapping("${recur.portal.web.path:/portal}")
public class PortalLoginController {

	private static final int MAX_EMAIL_LENGTH = 320;

	private final EmailLogin login;

	private final PortalConfigurations configurations;

	private final PortalPageContext context;

	private final String defaultConfigurationId;

	private final Duration linkTtl;

	PortalLoginController(EmailLogin login, PortalConfigurations configurations, PortalPageContext context,
			String defaultConfigurationId, Duration linkTtl) {
		this.login = login;
		this.configurations = configurations;
		this.context = context;
		this.defaultConfigurationId = defaultConfigurationId;
		this.linkTtl = linkTtl;
	}

	@GetMapping("/login")
	@PortalEndpoint.Public("Signing in: there is no session yet.")
	String form(@RequestParam(name = "configuration", required = false) @Nullable String configurationId,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		PortalConfiguration configuration = configuration(configurationId);
		this.context.prepare(model, request, response, null, null, configuration);
		keepConfigurationAcrossLanguages(model, request, configuration);
		model.addAttribute("sent", false);
		return "recur-portal/login";
	}

	@PostMapping("/login")
	@PortalEndpoint.Public("Signing in: answers the same for any email, rate limited, behind a CSRF token.")
	String request(@RequestParam(name = "email", required = false) @Nullable String email,
			@RequestParam(name = "configuration", required = false) @Nullable String configurationId,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		PortalConfiguration configuration = configuration(configurationId);
		Locale locale = this.context.prepare(model, request, response, null, null, configuration);
		keepConfigurationAcrossLanguages(model, request, configuration);
		model.addAttribute("sent", false);
		model.addAttribute("email", email);
		if (!isPlausibleEmail(email)) {
			model.addAttribute("error", "login.invalid");
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "recur-portal/login";
		}
		// The link's origin is configuration's (recur.portal.base-url), never this request's Host.
		EmailLogin.Outcome outcome = this.login.request(email, configuration, locale, request.getRemoteAddr());
		if (outcome == EmailLogin.Outcome.RATE_LIMITED) {
			model.addAttribute("error", "login.rate_limited");
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			return "recur-portal/login";
		}
		model.addAttribute("sent", true);
		model.addAttribute("minutes", Math.max(1, this.linkTtl.toMinutes()));
		return "recur-portal/login";
	}

	private PortalConfiguration configuration(@Nullable String requested) {
		String id = StringUtils.hasText(requested) ? requested.trim() : this.defaultConfigurationId;
		return this.configurations.find(id)
			.orElseThrow(() -> new PortalException(PortalErrorCode.INVALID_REQUEST, "No such portal configuration."));
	}

	// The language links lead back to this page: keep the configuration the static link named.
	private void keepConfigurationAcrossLanguages(Model model, HttpServletRequest request,
			PortalConfiguration configuration) {
		if (!configuration.id().equals(this.defaultConfigurationId)) {
			model.addAttribute("currentPath", request.getRequestURI() + "?configuration="
					+ URLEncoder.encode(configuration.id(), StandardCharsets.UTF_8));
		}
	}

	private static boolean isPlausibleEmail(@Nullable String email) {
		if (email == null) {
			return false;
		}
		String trimmed = email.trim();
		return trimmed.length() <= MAX_EMAIL_LENGTH && EmailAddresses.fits(trimmed)
				&& trimmed.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
	}

}
