package io.recurportal.api;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.recurportal.access.PortalEndpoint;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.testsupport.TestHostApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Holds the shipped OpenAPI description to the real application: every path and method
 * the two APIs serve, the status each answers with, the problem codes each can raise
 * (from the handler's declared action, its parameters and the access matrix's observed
 * answers), and the codes of {@link PortalErrorCode}. On a gap it prints one line per
 * missing piece, so whoever adds an endpoint knows exactly what to describe.
 */
@SpringBootTest(classes = { TestHostApplication.class, PortalApiAccessMatrixTests.Config.class },
		properties = { "recur.portal.billing=sandbox", "recur.portal.sandbox.seed=classpath:test-seed.json",
				"recur.portal.allowed-return-origins=https://app.example.com" })
@AutoConfigureMockMvc
class OpenApiDescriptionTests {

	private static final String API = OpenApiController.DEFAULT_API_PATH;

	private static final String SERVER = OpenApiController.DEFAULT_SERVER_PATH;

	// Codes that no request to either API can raise: the pages' forms and the webhook.
	private static final Set<PortalErrorCode> NOT_ON_THE_APIS = EnumSet.of(PortalErrorCode.INVALID_CSRF_TOKEN,
			PortalErrorCode.INVALID_SIGNATURE, PortalErrorCode.WEBHOOK_NOT_CONFIGURED);

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private MockMvc mvc;

	@Test
	void describesEveryEndpointStatusAndCodeTheApplicationHas() throws IOException {
		Map<String, Object> spec = spec();
		List<String> gaps = new ArrayList<>();
		Set<String> served = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			for (String path : entry.getKey().getPatternValues()) {
				if (!isApiPath(path) || path.endsWith("/**")) {
					continue;
				}
				for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
					served.add(method + " " + path);
					checkOperation(spec, method, path, entry.getValue(), gaps);
				}
			}
		}
		paths(spec).forEach((path, item) -> operations(item).keySet().forEach((method) -> {
			String key = method.toUpperCase(Locale.ROOT) + " " + path;
			if (!served.contains(key)) {
				gaps.add(key + ": described, but the application does not serve it");
			}
		}));
		checkCodes(spec, gaps);
		checkAccessMatrix(spec, gaps);
		if (!gaps.isEmpty()) {
			String report = "The OpenAPI description (" + OpenApiController.LOCATION + ") misses " + gaps.size()
					+ " item(s):\n  - " + String.join("\n  - ", gaps);
			System.out.println(report);
			fail(report);
		}
	}

	@Test
	void isServedToAnyoneWithTheApplicationsPrefixes() throws Exception {
		MvcResult result = this.mvc.perform(MockMvcRequestBuilders.get(OpenApiController.PATH)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentType()).startsWith("application/yaml");
		assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo(read());
	}

	@Test
	void otherPrefixesReplaceOnlyThePathKeys() throws IOException {
		String rewritten = OpenApiController.withPrefixes(read(), "/billing/api", "/recur/v1");
		Map<String, Object> spec = new Yaml().load(rewritten);
		assertThat(paths(spec).keySet()).contains("/billing/api", "/billing/api/{id}/cancel",
				"/recur/v1/portal/sessions")
			.noneMatch((path) -> path.startsWith(API) || path.startsWith(SERVER + "/"));
		assertThat(rewritten).contains("$ref: '#/components/schemas/Problem'");
	}

	private void checkOperation(Map<String, Object> spec, RequestMethod method, String path, HandlerMethod handler,
			List<String> gaps) {
		String key = method + " " + path;
		Map<String, Object> item = map(paths(spec).get(path));
		Map<String, Object> operation = (item != null) ? map(item.get(method.name().toLowerCase(Locale.ROOT))) : null;
		if (operation == null) {
			gaps.add(key + ": not described (" + handler.getShortLogMessage() + ")");
			return;
		}
		Map<String, Object> responses = responses(spec, operation);
		ResponseStatus responseStatus = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
				ResponseStatus.class);
		String success = String.valueOf(
				(responseStatus != null) ? responseStatus.code().value() : HttpStatus.OK.value());
		if (!responses.containsKey(success)) {
			gaps.add(key + ": success status " + success + " not described");
		}
		boolean account = path.startsWith(API);
		PortalEndpoint endpoint = handler.getMethodAnnotation(PortalEndpoint.class);
		if (account) {
			if (endpoint == null) {
				gaps.add(key + ": the handler declares no @PortalEndpoint action");
			}
			else if (!endpoint.value().value().equals(operation.get("x-portal-action"))) {
				gaps.add(key + ": x-portal-action should be " + endpoint.value().value());
			}
		}
		Map<String, Set<String>> parameters = parameters(spec, operation);
		boolean validated = false;
		boolean body = false;
		for (Parameter parameter : handler.getMethod().getParameters()) {
			PathVariable variable = parameter.getAnnotation(PathVariable.class);
			RequestParam query = parameter.getAnnotation(RequestParam.class);
			RequestHeader header = parameter.getAnnotation(RequestHeader.class);
			RequestBody requestBody = parameter.getAnnotation(RequestBody.class);
			if (variable != null) {
				expectParameter(key, parameters, "path", name(variable.name(), parameter), gaps);
				validated |= parameter.isAnnotationPresent(Pattern.class);
			}
			if (query != null) {
				expectParameter(key, parameters, "query", name(query.name(), parameter), gaps);
				validated = true;
			}
			if (header != null) {
				expectParameter(key, parameters, "header", name(header.name(), parameter), gaps);
				validated = true;
			}
			if (requestBody != null) {
				body = true;
				validated = true;
				Map<String, Object> described = map(operation.get("requestBody"));
				if (described == null) {
					gaps.add(key + ": request body not described");
				}
				else if (Boolean.TRUE.equals(described.get("required")) != requestBody.required()) {
					gaps.add(key + ": request body should be required: " + requestBody.required());
				}
			}
		}
		List<PortalErrorCode> expected = new ArrayList<>();
		if (account) {
			expected.addAll(List.of(PortalErrorCode.UNAUTHENTICATED, PortalErrorCode.INVALID_TOKEN,
					PortalErrorCode.ACCOUNT_CLAIM_MISSING, PortalErrorCode.PROVIDER_UNAVAILABLE));
			if (endpoint != null && endpoint.value().feature() != null) {
				expected.add(PortalErrorCode.FEATURE_NOT_ENABLED);
			}
			if (endpoint != null && endpoint.value().changesBilling()) {
				expected.add(PortalErrorCode.OWNER_REQUIRED);
			}
		}
		else {
			expected.add(PortalErrorCode.INVALID_API_KEY);
		}
		expected.add(PortalErrorCode.INTERNAL_ERROR);
		if (validated) {
			expected.add(PortalErrorCode.INVALID_REQUEST);
		}
		if (body) {
			expected.addAll(List.of(PortalErrorCode.PAYLOAD_TOO_LARGE, PortalErrorCode.UNSUPPORTED_MEDIA_TYPE));
		}
		for (PortalErrorCode code : expected) {
			expectCode(key, responses, code.status().value(), code.code(), gaps);
		}
	}

	// Every code named in the description exists, under its own status; every code the
	// APIs can raise is in the description's ProblemCode list.
	private void checkCodes(Map<String, Object> spec, List<String> gaps) {
		Map<String, PortalErrorCode> byCode = Arrays.stream(PortalErrorCode.values())
			.collect(Collectors.toMap(PortalErrorCode::code, (code) -> code));
		paths(spec).forEach((path, item) -> operations(item).forEach((method, operation) -> responses(spec, operation)
			.forEach((status, response) -> codes(map(response)).forEach((code) -> {
				PortalErrorCode known = byCode.get(code);
				String where = method.toUpperCase(Locale.ROOT) + " " + path + " " + status;
				if (known == null) {
					gaps.add(where + ": code " + code + " is not a PortalErrorCode");
				}
				else if (!String.valueOf(known.status().value()).equals(status)) {
					gaps.add(where + ": code " + code + " is answered with " + known.status().value());
				}
			}))));
		Map<String, Object> schemas = map(map(spec.get("components")).get("schemas"));
		Set<Object> described = new TreeSet<>(list(map(schemas.get("ProblemCode")).get("enum")));
		for (PortalErrorCode code : PortalErrorCode.values()) {
			if (!NOT_ON_THE_APIS.contains(code) && !described.remove(code.code())) {
				gaps.add("components.schemas.ProblemCode: add " + code.code());
			}
		}
		described.forEach((code) -> gaps.add("components.schemas.ProblemCode: " + code + " is not a PortalErrorCode"));
	}

	// What the access matrix sees each caller get is described for that operation.
	private void checkAccessMatrix(Map<String, Object> spec, List<String> gaps) {
		for (PortalApiAccessMatrixTests.Endpoint endpoint : PortalApiAccessMatrixTests.endpoints()) {
			String path = endpoint.path().replaceFirst("\\?.*", "");
			String method = endpoint.method().name().toLowerCase(Locale.ROOT);
			Map<String, Object> operation = null;
			for (Map.Entry<String, Object> item : paths(spec).entrySet()) {
				if (path.matches(item.getKey().replaceAll("\\{[^}]+}", "[^/]+"))) {
					operation = operations(item.getValue()).get(method);
				}
			}
			if (operation == null) {
				// A path or method nothing serves: the description's general 404 and 405 rows.
				continue;
			}
			for (PortalApiAccessMatrixTests.Caller caller : PortalApiAccessMatrixTests.Caller.values()) {
				PortalApiAccessMatrixTests.Expect expect = endpoint.expectFor(caller);
				if (expect.code() == null) {
					continue;
				}
				expectCode(endpoint + " (access matrix, " + caller + ")", responses(spec, operation), expect.status(),
						expect.code(), gaps);
			}
		}
	}

	private static void expectCode(String key, Map<String, Object> responses, int status, String code,
			List<String> gaps) {
		Map<String, Object> response = map(responses.get(String.valueOf(status)));
		if (response == null || !codes(response).contains(code)) {
			String gap = key + ": " + status + " " + code + " not described";
			if (!gaps.contains(gap)) {
				gaps.add(gap);
			}
		}
	}

	private static void expectParameter(String key, Map<String, Set<String>> parameters, String in, String name,
			List<String> gaps) {
		if (!parameters.getOrDefault(in, Set.of()).contains(name)) {
			gaps.add(key + ": " + in + " parameter " + name + " not described");
		}
	}

	private static String name(String declared, Parameter parameter) {
		return declared.isEmpty() ? parameter.getName() : declared;
	}

	private static boolean isApiPath(String path) {
		return path.equals(API) || path.startsWith(API + "/") || path.startsWith(SERVER + "/");
	}

	private static Map<String, Object> paths(Map<String, Object> spec) {
		return map(spec.get("paths"));
	}

	private static Map<String, Map<String, Object>> operations(Object item) {
		Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
		map(item).forEach((key, value) -> {
			if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(key)) {
				operations.put(key, map(value));
			}
		});
		return operations;
	}

	private static Map<String, Object> responses(Map<String, Object> spec, Map<String, Object> operation) {
		Map<String, Object> responses = new LinkedHashMap<>();
		map(operation.get("responses")).forEach((status, response) -> responses.put(status, resolve(spec, response)));
		return responses;
	}

	private static Map<String, Set<String>> parameters(Map<String, Object> spec, Map<String, Object> operation) {
		Map<String, Set<String>> parameters = new LinkedHashMap<>();
		for (Object parameter : list(operation.get("parameters"))) {
			Map<String, Object> resolved = resolve(spec, parameter);
			parameters.computeIfAbsent((String) resolved.get("in"), (in) -> new TreeSet<>())
				.add((String) resolved.get("name"));
		}
		return parameters;
	}

	private static Map<String, Object> resolve(Map<String, Object> spec, Object value) {
		Map<String, Object> object = map(value);
		Object ref = object.get("$ref");
		if (ref == null) {
			return object;
		}
		Object target = spec;
		for (String segment : ((String) ref).substring(2).split("/")) {
			target = map(target).get(segment);
		}
		assertThat(target).as(ref.toString()).isNotNull();
		return map(target);
	}

	private static List<String> codes(Map<String, Object> response) {
		return list(response.get("x-problem-codes")).stream().map(String::valueOf).toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value != null) ? (List<Object>) value : List.of();
	}

	private static Map<String, Object> spec() throws IOException {
		Map<String, Object> spec = new Yaml().load(read());
		assertThat(spec.get("openapi")).isEqualTo("3.1.0");
		return spec;
	}

	private static String read() throws IOException {
		try (InputStream in = new ClassPathResource(OpenApiController.LOCATION).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
