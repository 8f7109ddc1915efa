package io.recurportal.web;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalEndpoint;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;

/**
 * A configuration's brand colour as a style sheet, because the pages' Content Security
 * Policy allows no inline style. The colour was checked to be {@code #rrggbb} at start-up.
 */
@RestController
@RequestMapping("${recur.portal.web.path:/portal}/assets/brand")
public class BrandStylesController {

	private final PortalConfigurations configurations;

	BrandStylesController(PortalConfigurations configurations) {
		this.configurations = configurations;
	}

	@GetMapping("/{id}.css")
	@PortalEndpoint.Public("A configuration's brand colour, shown on public pages too.")
	ResponseEntity<String> styles(@PathVariable String id) {
		String color = this.configurations.find(id)
			.map(PortalConfiguration::branding)
			.map(PortalConfiguration.Branding::primaryColor)
			.orElse(null);
		String css = (color != null) ? ":root { --brand: " + color + "; }\n" : "";
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("text/css"))
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
			.body(css);
	}

}
