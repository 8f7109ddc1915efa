package io.recurportal.sample;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

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
	String account() {
		// The portal's return URL is set by account.js from the browser's own origin: a
		// server never builds an absolute URL from a request's Host header.
		return "account";
	}

}
