package io.recurportal.web;

import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.recurportal.access.PortalAction;
import io.recurportal.access.PortalCaller;
import io.recurportal.access.PortalEndpoint;
import io.recurportal.billing.Address;
import io.recurportal.billing.Customer;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.billing.EmailAddresses;
import io.recurportal.customer.CustomerProfiles;
import io.recurportal.customer.EmailChanges;
import io.recurportal.customer.PendingEmailChange;

/**
 * Viewing and editing the billing profile. A new email address is saved only once it
 * confirms the change ({@link EmailChanges}); until then the page says where the
 * confirmation went.
 */
@Controller
@RequestMapping("${recur.portal.web.path:/portal}/profile")
public class ProfileController {

	private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern
		.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}");

	// Stripe's limit for a customer's name.
	private static final int MAX_NAME = 256;

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final CustomerProfiles profiles;

	private final EmailChanges emailChanges;

	private final PortalPageContext context;

	ProfileController(CustomerProfiles profiles, EmailChanges emailChanges, PortalPageContext context) {
		this.profiles = profiles;
		this.emailChanges = emailChanges;
		this.context = context;
	}

	@GetMapping
	@PortalEndpoint(PortalAction.UPDATE_PROFILE)
	String edit(PortalCaller caller, HttpServletRequest request, HttpServletResponse response, Model model) {
		this.context.prepare(model, request, response, caller, PortalPagesController.session(), null);
		addCustomer(caller, model);
		return "recur-portal/profile";
	}

	private void addCustomer(PortalCaller caller, Model model) {
		Customer customer = this.profiles.customer(caller);
		model.addAttribute("customer", customer);
		model.addAttribute("pendingEmail",
				this.emailChanges.pending(customer.id()).map(PendingEmailChange::email).orElse(null));
	}

	@PostMapping
	@PortalEndpoint(PortalAction.UPDATE_PROFILE)
	String update(PortalCaller caller, HttpServletRequest request, HttpServletResponse response, Model model,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String email,
			@RequestParam(required = false) @Nullable String phone,
			@RequestParam(required = false) @Nullable String line1,
			@RequestParam(required = false) @Nullable String line2,
			@RequestParam(required = false) @Nullable String city,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(name = "postal_code", required = false) @Nullable String postalCode,
			@RequestParam(required = false) @Nullable @Pattern(regexp = "|[A-Za-z]{2}") String country,
			@RequestParam(name = "tax_id", required = false) @Nullable String taxId,
			@RequestParam(name = "request_id") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String requestId) {
		// Longer than the provider keeps (Stripe: a name of 256 characters), or an unknown country: refused, not cut.
		if (tooLong(name, MAX_NAME) || tooLong(phone, 40) || tooLong(line1, 200) || tooLong(line2, 200)
				|| tooLong(city, 100) || tooLong(state, 100) || tooLong(postalCode, 20) || tooLong(taxId, 64)) {
			return refuse(caller, request, response, model, "profile.too_long");
		}
		if (country != null && !country.isBlank() && !COUNTRIES.contains(country.strip().toUpperCase(Locale.ROOT))) {
			return refuse(caller, request, response, model, "profile.country.invalid");
		}
		String cleanEmail = clean(email, 320);
		if (cleanEmail != null && (!EMAIL.matcher(cleanEmail).matches() || !EmailAddresses.fits(cleanEmail))) {
			return refuse(caller, request, response, model, "profile.email.invalid");
		}
		// A new address waits for its own confirmation; the other fields are saved at once.
		boolean newAddress = cleanEmail != null
				&& !EmailAddresses.same(cleanEmail, this.profiles.customer(caller).email());
		if (newAddress && !this.emailChanges.isAvailable()) {
			return refuse(caller, request, response, model, "profile.email.unavailable");
		}
		// Before anything is saved: over the limit, the whole form is refused and nothing is sent.
		if (newAddress && !this.emailChanges.tryAcquire(this.profiles.customer(caller).id(), cleanEmail)) {
			return refuse(caller, request, response, model, "profile.email.too_many", HttpStatus.TOO_MANY_REQUESTS);
		}
		Address address = new Address(clean(line1, 200), clean(line2, 200), clean(city, 100), clean(state, 100),
				clean(postalCode, 20), (country != null && !country.isBlank()) ? country.strip().toUpperCase(Locale.ROOT) : null);
		Customer saved = this.profiles.update(caller, new CustomerProfileUpdate(clean(name, MAX_NAME), cleanEmail,
				clean(phone, 40), address.isEmpty() ? null : address, clean(taxId, 64)), requestId);
		if (newAddress) {
			Locale locale = PortalLocales.resolve(request, response, PortalPagesController.session(),
					this.context.portalPath());
			this.emailChanges.request(caller, saved, cleanEmail, locale);
			// The profile page says where the confirmation went.
			return "redirect:" + this.context.portalPath() + "/profile";
		}
		return "redirect:" + this.context.portalPath() + "?notice=profile_updated";
	}

	private String refuse(PortalCaller caller, HttpServletRequest request, HttpServletResponse response, Model model,
			String error) {
		return refuse(caller, request, response, model, error, HttpStatus.BAD_REQUEST);
	}

	private String refuse(PortalCaller caller, HttpServletRequest request, HttpServletResponse response, Model model,
			String error, HttpStatus status) {
		this.context.prepare(model, request, response, caller, PortalPagesController.session(), null);
		addCustomer(caller, model);
		model.addAttribute("error", error);
		response.setStatus(status.value());
		return "recur-portal/profile";
	}

	private static boolean tooLong(@Nullable String value, int maxLength) {
		return value != null && value.strip().length() > maxLength;
	}

	private static @Nullable String clean(@Nullable String value, int maxLength) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		return (stripped.length() > maxLength) ? stripped.substring(0, maxLength) : stripped;
	}

}
