package io.recurportal.autoconfigure;

import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.StringUtils;

import io.recurportal.testsupport.TestHostApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TemplateLocationCheckDefault}: the starter adds no Thymeleaf warning to a
 * host without templates, and leaves Boot's check to a host that has them or sets it.
 */
@ExtendWith(OutputCaptureExtension.class)
class TemplateLocationCheckDefaultTests {

	private final TemplateLocationCheckDefault processor = new TemplateLocationCheckDefault();

	@Test
	void postProcessWhenHostHasNoTemplatesThenCheckIsOff() {
		StandardEnvironment environment = new StandardEnvironment();
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(TemplateLocationCheckDefault.PROPERTY, Boolean.class)).isFalse();
	}

	@Test
	void postProcessWhenHostSetsTheCheckThenItStays() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("host", Map.of(TemplateLocationCheckDefault.PROPERTY, "true")));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(TemplateLocationCheckDefault.PROPERTY, Boolean.class)).isTrue();
		assertThat(environment.getPropertySources().contains(TemplateLocationCheckDefault.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void postProcessWhenHostHasTemplatesThenBootKeepsItsCheck() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("host",
					Map.of("spring.thymeleaf.prefix", "classpath:/io/recurportal/web/templates/")));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(TemplateLocationCheckDefault.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void hostWithoutTemplatesStartsWithoutTheWarning(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TestHostApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--recur.portal.billing=sandbox",
				"--spring.main.banner-mode=off")) {
			assertThat(context.getEnvironment().getProperty(TemplateLocationCheckDefault.PROPERTY)).isEqualTo("false");
		}
		assertThat(output).doesNotContain("Cannot find template location");
	}

	@Test
	void isRegistered() throws Exception {
		List<String> processors = new ArrayList<>();
		Enumeration<URL> files = getClass().getClassLoader()
			.getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION);
		while (files.hasMoreElements()) {
			Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(files.nextElement()));
			processors.addAll(StringUtils
				.commaDelimitedListToSet(factories.getProperty(EnvironmentPostProcessor.class.getName(), "")));
		}
		assertThat(processors).contains(TemplateLocationCheckDefault.class.getName());
	}

}
