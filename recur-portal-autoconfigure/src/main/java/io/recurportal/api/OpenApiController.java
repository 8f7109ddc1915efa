package io.recurportal.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.recurportal.access.PortalEndpoint;

/**
 * Serves the OpenAPI 3.1 description of the account API and the server API that ships
 * in the jar ({@value #LOCATION}), at {@value #PATH}, with the application's own path
 * prefixes, so a host's frontend can generate its client from the running application.
 * <p>
 * It is public on purpose: it is the same text as in the published jar and holds no
 * data, keys or settings beyond the two prefixes. A host that wants it unpublished sets
 * {@code recur.portal.api.openapi-enabled=false}.
 */
@RestController
public class OpenApiController {

	/** Where the description is served. */
	public static final String PATH = "/recur-portal/openapi.yaml";

	/** Where the description lives on the class path. */
	public static final String LOCATION = "META-INF/recur-portal/openapi.yaml";

	// The prefixes the document is written with.
	static final String DEFAULT_API_PATH = "/api/subscriptions";

	static final String DEFAULT_SERVER_PATH = "/v1";

	private static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);

	private final String apiPath;

	private final String serverPath;

	// Read on the first request, not at start-up.
	private volatile @Nullable String document;

	/**
	 * Creates the controller.
	 * @param apiPath the account API's prefix ({@code recur.portal.api.path})
	 * @param serverPath the server API's prefix ({@code recur.portal.api.server-path})
	 */
	public OpenApiController(String apiPath, String serverPath) {
		this.apiPath = apiPath;
		this.serverPath = serverPath;
	}

	@GetMapping(PATH)
	@PortalEndpoint.Public("The API's description, the same text as in the published jar; no data.")
	ResponseEntity<String> openApi() {
		return ResponseEntity.ok()
			.contentType(YAML)
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
			.body(document());
	}

	String document() {
		String text = this.document;
		if (text == null) {
			text = withPrefixes(read(), this.apiPath, this.serverPath);
			this.document = text;
		}
		return text;
	}

	/**
	 * The document with its path keys on the given prefixes.
	 * @param document the document as shipped
	 * @param apiPath the account API's prefix
	 * @param serverPath the server API's prefix
	 * @return the document for these prefixes
	 */
	static String withPrefixes(String document, String apiPath, String serverPath) {
		StringBuilder result = new StringBuilder(document.length());
		for (String line : document.split("\n", -1)) {
			// Path keys are the only lines indented by exactly two spaces that start with '/'.
			if (line.startsWith("  " + DEFAULT_API_PATH)) {
				line = "  " + apiPath + line.substring(2 + DEFAULT_API_PATH.length());
			}
			else if (line.startsWith("  " + DEFAULT_SERVER_PATH + "/")) {
				line = "  " + serverPath + line.substring(2 + DEFAULT_SERVER_PATH.length());
			}
			result.append(line).append('\n');
		}
		result.setLength(result.length() - 1);
		return result.toString();
	}

	private static String read() {
		try (InputStream in = new ClassPathResource(LOCATION, OpenApiController.class.getClassLoader())
			.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
