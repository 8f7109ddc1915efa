package io.recurportal.readme;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import io.recurportal.autoconfigure.FailureAnalyzersInOrder;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.sandbox.SandboxSeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every snippet of the README works verbatim: each YAML block starts a host application
 * with nothing else configured (a block marked {@code <!-- readme-test: fails-with "..." -->}
 * fails with that in its failure analysis), and each Java block compiles as it stands
 * against the starter.
 */
class ReadmeTests {

	private static final Pattern TYPE = Pattern.compile("(?m)^(?:public\\s+|final\\s+)*(?:class|record|interface)\\s+(\\w+)");

	@TempDir
	Path classes;

	@TestFactory
	Stream<DynamicTest> everyYamlBlockStartsAHost() throws IOException {
		List<ReadmeSnippets.Snippet> snippets = ReadmeSnippets.read("yaml");
		assertThat(snippets).as("YAML blocks in the README").hasSizeGreaterThanOrEqualTo(2);
		return snippets.stream()
			.map((snippet) -> DynamicTest.dynamicTest("README.md line " + snippet.line(), () -> start(snippet)));
	}

	@TestFactory
	Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
		List<ReadmeSnippets.Snippet> snippets = ReadmeSnippets.read("java");
		assertThat(snippets).as("Java blocks in the README").isNotEmpty();
		return snippets.stream()
			.map((snippet) -> DynamicTest.dynamicTest("README.md line " + snippet.line(), () -> compile(snippet)));
	}

	private void start(ReadmeSnippets.Snippet snippet) throws IOException {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("README.md line " + snippet.line(),
				new ByteArrayResource(snippet.code().getBytes(StandardCharsets.UTF_8)));
		SpringApplication application = new SpringApplication(Host.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		StandardEnvironment environment = new StandardEnvironment();
		yaml.forEach(environment.getPropertySources()::addFirst);
		// A free port on loopback; nothing else is set, so the block alone configures the host.
		environment.getPropertySources()
			.addLast(new MapPropertySource("test",
					Map.of("server.port", "0", "server.address", "127.0.0.1")));
		application.setEnvironment(environment);
		if (snippet.failsWith() != null) {
			assertThatThrownBy(application::run).satisfies((failure) -> {
				FailureAnalysis analysis = FailureAnalyzersInOrder.analyze(failure);
				assertThat(analysis.getDescription() + "\n" + analysis.getAction()).contains(snippet.failsWith());
			});
			return;
		}
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getBean(BillingGateway.class)).isNotNull();
			// A seed in the block: each of its customers is found from its account, as the portal looks it up.
			Binder.get(context.getEnvironment())
				.bind("recur.portal.sandbox.data", SandboxSeed.class)
				.ifBound((seed) -> seed.customers()
					.stream()
					.filter((customer) -> customer.externalId() != null)
					.forEach((customer) -> assertThat(
							context.getBean(BillingGateway.class).findCustomerByExternalId(customer.externalId()))
						.as("customer of account %s", customer.externalId())
						.isPresent()));
		}
	}

	private void compile(ReadmeSnippets.Snippet snippet) {
		Matcher type = TYPE.matcher(snippet.code());
		assertThat(type.find()).as("a class in the Java block at line %d (with its imports)", snippet.line()).isTrue();
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + type.group(1) + ".java"),
				JavaFileObject.Kind.SOURCE) {
			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return snippet.code();
			}
		};
		StringWriter errors = new StringWriter();
		List<String> options = new ArrayList<>(List.of("-proc:none", "-classpath", classPath(), "-d",
				this.classes.toString()));
		boolean compiled = compiler.getTask(errors, null, null, options, null, List.of(source)).call();
		assertThat(compiled).as("the Java block at README.md line %d compiles:%n%s", snippet.line(), errors)
			.isTrue();
	}

	// Surefire may start the tests from a manifest-only jar; it also passes the real class path.
	private static String classPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Host {

	}

}
