package io.recurportal.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import io.recurportal.access.PortalEndpoint;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.customer.EmailChanges;
import io.recurportal.customer.PendingEmailChange;

/**
 * The page a billing email change confirmation link opens. Opening it changes nothing
 * (mail scanners open links too, with {@code GET} and {@code HEAD}); its button
 * {@code POST}s the confirmation, CSRF-protected like every portal form and without
 * JavaScript. The link is the credential: no portal session is needed, as the new
 * address is often read on another device.
 */
@Controller
@RequestMapping("${recur.portal.web.path:/portal}/email/{token}")
@PortalEndpoint.Public("The emailed one-time token is the credential: the new address is often read on another device.")
public class EmailChangeController {

	private final EmailChanges emailChanges;

	private final PortalConfigurations configurations;

	private final PortalPageContext context;

	EmailChangeController(EmailChanges emailChanges, PortalConfigurations configurations,
			PortalPageContext context) {
		this.emailChanges = emailChanges;
		this.configurations = configurations;
		this.context = context;
	}

	@GetMapping
	String show(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<PendingEmailChange> change = this.emailChanges.find(token);
		PortalConfiguration configuration = prepare(change, request, response, model);
		if (change.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("state", "invalid");
			return "recur-portal/email-change";
		}
		model.addAttribute("state", "confirm");
		model.addAttribute("email", change.get().email());
		model.addAttribute("business", business(configuration, model));
		model.addAttribute("action", this.context.portalPath() + "/email/" + token);
		return "recur-portal/email-change";
	}

	@PostMapping
	String confirm(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<PendingEmailChange> change = this.emailChanges.confirm(token);
		prepare(change, request, response, model);
		if (change.isEmpty()) {
			response.setStatus(HttpStatus.GONE.value());
			model.addAttribute("state", "invalid");
			return "recur-portal/email-change";
		}
		model.addAttribute("state", "done");
		model.addAttribute("email", change.get().email());
		return "recur-portal/email-change";
	}

	private @Nullable PortalConfiguration prepare(Optional<PendingEmailChange> change, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		// The token is in the path: keep it out of Referer headers and caches.
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Cache-Control", "no-store");
		PortalConfiguration configuration = change.flatMap((pending) -> this.configurations.find(pending.configurationId()))
			.orElse(null);
		this.context.prepare(model, request, response, null, null, configuration);
		return configuration;
	}

	private static String business(@Nullable PortalConfiguration configuration, Model model) {
		if (configuration != null && StringUtils.hasText(configuration.branding().businessName())) {
			return configuration.branding().businessName();
		}
		return ((PortalMessages) model.getAttribute("msg")).get("portal.name");
	}

}
