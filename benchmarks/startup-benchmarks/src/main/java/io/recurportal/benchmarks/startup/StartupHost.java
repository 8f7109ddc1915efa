package io.recurportal.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.metrics.StartupStep;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The minimal host whose start-up is measured: Spring MVC on Tomcat and its own JWT
 * resource server, nothing else. The runner starts it with and without the starter on
 * the class path; everything else (code, arguments, JVM options) is the same.
 * <p>
 * When ready it prints one {@code BENCH-READY} line and exits. With
 * {@code -Dbench.steps=true} it also records Spring's start-up steps and prints each
 * step's own time (its duration less its children's) as {@code BENCH-STEP} lines.
 */
@SpringBootApplication
@RestController
public class StartupHost {

	static final String READY = "BENCH-READY";

	static final String STEP = "BENCH-STEP";

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StartupHost.class);
		BufferingApplicationStartup steps = Boolean.getBoolean("bench.steps")
				? new BufferingApplicationStartup(200_000) : null;
		if (steps != null) {
			application.setApplicationStartup(steps);
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.address", "127.0.0.1");
		properties.put("server.port", "0");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		application.setDefaultProperties(properties);
		ConfigurableApplicationContext context = application.run(args);
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		System.out.println(READY + " uptime=" + uptime + " classes="
				+ ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() + " beans="
				+ context.getBeanDefinitionCount());
		if (steps != null) {
			printSteps(steps.getBufferedTimeline());
		}
		System.out.flush();
		System.exit(SpringApplication.exit(context));
	}

	private static void printSteps(StartupTimeline timeline) {
		Map<Long, Long> childTime = new HashMap<>();
		List<StartupTimeline.TimelineEvent> events = new ArrayList<>(timeline.getEvents());
		for (StartupTimeline.TimelineEvent event : events) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				childTime.merge(parent, event.getDuration().toNanos(), Long::sum);
			}
		}
		for (StartupTimeline.TimelineEvent event : events) {
			StartupStep step = event.getStartupStep();
			long self = event.getDuration().toNanos() - childTime.getOrDefault(step.getId(), 0L);
			StringBuilder label = new StringBuilder();
			for (StartupStep.Tag tag : step.getTags()) {
				if (tag.getKey().equals("beanName") || tag.getKey().equals("beanType")
						|| tag.getKey().equals("postProcessor") || tag.getKey().equals("classes")) {
					label.append(label.isEmpty() ? "" : " ").append(tag.getKey()).append('=').append(tag.getValue());
				}
			}
			System.out.println(STEP + "\t" + (self / 1000) + "\t" + step.getName() + "\t" + label);
		}
	}

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@Bean
	JwtDecoder jwtDecoder() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) generator.generateKeyPair().getPublic()).build();
	}

	@Bean
	SecurityFilterChain hostSecurityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> {
			}))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
