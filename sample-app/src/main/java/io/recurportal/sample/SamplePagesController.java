package io.recurportal.sample;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The sample's own pages: a home page and an account page.
 */
@Controller
class SamplePagesController {

	@GetMapping("/")
	String home() {
		return "index";
	}

	@GetMapping("/account")
	String account(HttpServletRequest request, Model model) {
		// Where the billing portal's return link leads: back to this page.
		model.addAttribute("accountUrl",
				ServletUriComponentsBuilder.fromContextPath(request).path("/account").toUriString());
		return "account";
	}

}
