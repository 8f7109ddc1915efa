package io.recurportal.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider is one package that nothing else knows: the portal's sources outside
 * {@code io.recurportal.billing.stripe} never name stripe-java, and those outside
 * {@code io.recurportal.billing.sandbox} never name the sandbox. Read from the sources,
 * imports and fully qualified names alike, so a reference by name (a condition's class
 * name) counts too.
 */
class ProviderArchitectureTests {

	private static final Path SOURCES = Path.of("src/main/java");

	@Test
	void nothingOutsideStripesPackageUsesStripeJava() throws IOException {
		assertThat(sourcesOutside("io/recurportal/billing/stripe")).isNotEmpty()
			.noneMatch((source) -> mentions(source, "com.stripe"));
	}

	@Test
	void nothingOutsideTheSandboxsPackageUsesTheSandbox() throws IOException {
		assertThat(sourcesOutside("io/recurportal/billing/sandbox")).isNotEmpty()
			.noneMatch((source) -> mentions(source, "io.recurportal.billing.sandbox"))
			.noneMatch((source) -> mentions(source, "com.lowagie"));
	}

	@Test
	void theRuleSeesAViolation() {
		assertThat(mentions(Path.of("src/main/java/io/recurportal/billing/stripe/StripeClients.java"), "com.stripe"))
			.isTrue();
	}

	private static List<Path> sourcesOutside(String packagePath) throws IOException {
		Path excluded = SOURCES.resolve(packagePath);
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> !file.startsWith(excluded))
				.toList();
		}
	}

	private static boolean mentions(Path source, String name) {
		try {
			return Files.readString(source).contains(name);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
