package io.recurportal.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
		Customer customer = addCustomer(caller, model);
		addForm(model, ProfileForm.of(customer), Map.of(), request, response);
		return "recur-portal/profile";
	}

	private Customer addCustomer(PortalCaller caller, Model model) {
		Customer customer = this.profiles.customer(caller);
		model.addAttribute("customer", customer);
		model.addAttribute("pendingEmail",
				this.emailChanges.pending(customer.id()).map(PendingEmailChange::email).orElse(null));
		return customer;
	}

	private void addForm(Model model, ProfileForm form, Map<String, String> errors, HttpServletRequest request,
			HttpServletResponse response) {
		Locale locale = PortalLocales.resolve(request, response, PortalPagesController.session(),
				this.context.portalPath());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("countries", ProfileForm.countries(locale));
		model.addAttribute("taxIdTypes", ProfileForm.taxIdTypes());
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
			@RequestParam(required = false) @Nullable String country,
			@RequestParam(name = "tax_id_type", required = false) @Nullable String taxIdType,
			@RequestParam(name = "tax_id", required = false) @Nullable String taxId,
			@RequestParam(name = "request_id") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String requestId) {
		ProfileForm form = new ProfileForm(name, email, phone, line1, line2, city, state, postalCode, country,
				taxIdType, taxId);
		// Every field's problem at once, beside the field; the form keeps what was typed.
		Map<String, String> errors = new LinkedHashMap<>();
		// Longer than the provider keeps (Stripe: a name of 256 characters), or an unknown country: refused, not cut.
		tooLong(errors, "name", name, MAX_NAME);
		tooLong(errors, "phone", phone, 40);
		tooLong(errors, "line1", line1, 200);
		tooLong(errors, "line2", line2, 200);
		tooLong(errors, "city", city, 100);
		tooLong(errors, "state", state, 100);
		tooLong(errors, "postal_code", postalCode, 20);
		tooLong(errors, "tax_id", taxId, 64);
		String countryCode = form.countryCode();
		if (countryCode != null && !countryCode.isEmpty() && !COUNTRIES.contains(countryCode)) {
			errors.put("country", "profile.country.invalid");
		}
		String type = (taxIdType != null && !taxIdType.isBlank()) ? taxIdType.strip() : null;
		if (type != null && !ProfileForm.TAX_ID_TYPES.contains(type)) {
			errors.put("tax_id_type", "profile.taxid.type.invalid");
		}
		String cleanEmail = clean(email, 320);
		if (cleanEmail != null && (!EMAIL.matcher(cleanEmail).matches() || !EmailAddresses.fits(cleanEmail))) {
			errors.put("email", "profile.email.invalid");
		}
		if (!errors.isEmpty()) {
			return refuse(caller, request, response, model, form, errors, HttpStatus.BAD_REQUEST);
		}
		// A new address waits for its own confirmation; the other fields are saved at once.
		boolean newAddress = cleanEmail != null
				&& !EmailAddresses.same(cleanEmail, this.profiles.customer(caller).email());
		if (newAddress && !this.emailChanges.isAvailable()) {
			return refuse(caller, request, response, model, form, Map.of("email", "profile.email.unavailable"),
					HttpStatus.BAD_REQUEST);
		}
		// Before anything is saved: over the limit, the whole form is refused and nothing is sent.
		if (newAddress && !this.emailChanges.tryAcquire(this.profiles.customer(caller).id(), cleanEmail)) {
			return refuse(caller, request, response, model, form, Map.of("email", "profile.email.too_many"),
					HttpStatus.TOO_MANY_REQUESTS);
		}
		Address address = new Address(clean(line1, 200), clean(line2, 200), clean(city, 100), clean(state, 100),
				clean(postalCode, 20), (countryCode != null && !countryCode.isEmpty()) ? countryCode : null);
		Customer saved = this.profiles.update(caller,
				new CustomerProfileUpdate(clean(name, MAX_NAME), cleanEmail, clean(phone, 40),
						address.isEmpty() ? null : address, ProfileForm.storedTaxId(type, clean(taxId, 64))),
				requestId);
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
			ProfileForm form, Map<String, String> errors, HttpStatus status) {
		this.context.prepare(model, request, response, caller, PortalPagesController.session(), null);
		addCustomer(caller, model);
		addForm(model, form, errors, request, response);
		// The summary at the top names the first problem; each field names its own.
		model.addAttribute("error", errors.values().iterator().next());
		response.setStatus(status.value());
		return "recur-portal/profile";
	}

	private static void tooLong(Map<String, String> errors, String field, @Nullable String value, int maxLength) {
		if (value != null && value.strip().length() > maxLength) {
			errors.put(field, "profile.too_long");
		}
	}

	private static @Nullable String clean(@Nullable String value, int maxLength) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		return (stripped.length() > maxLength) ? stripped.substring(0, maxLength) : stripped;
	}

}
