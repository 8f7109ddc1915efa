package io.recurportal.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each group of {@code recur.portal.*} binds to its own properties class under the same
 * names as before the split.
 */
class RecurPortalPropertiesBindingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(AllProperties.class);

	@Test
	void defaultsWhenNothingIsSet() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(RecurPortalWebProperties.class).getPath()).isEqualTo("/portal");
			assertThat(context.getBean(RecurPortalApiProperties.class).getPath()).isEqualTo("/api/subscriptions");
			assertThat(context.getBean(RecurPortalApiProperties.class).getServerPath()).isEqualTo("/v1");
			assertThat(context.getBean(RecurPortalSecurityProperties.class).getAccountClaim()).isEqualTo("acc");
			assertThat(context.getBean(RecurPortalRoleMappingProperties.class).getFallback()).isEqualTo("invoices");
			assertThat(context.getBean(RecurPortalSessionsProperties.class).getDefaultConfiguration())
				.isEqualTo("full");
			assertThat(context.getBean(RecurPortalLoginProperties.class).getEnabled()).isNull();
			assertThat(context.getBean(RecurPortalMirrorProperties.class).getTimeToLive())
				.isEqualTo(Duration.ofMinutes(10));
			assertThat(context.getBean(RecurPortalHealthProperties.class).getProviderCache())
				.isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void eachGroupBindsUnderItsOldName() {
		this.contextRunner
			.withPropertyValues("recur.portal.web.path=/billing", "recur.portal.api.path=/api/billing",
					"recur.portal.api.server-path=/v2", "recur.portal.api.secret-keys=sk_portal_1",
					"recur.portal.security.account-claim=org", "recur.portal.security.owner-roles=admin",
					"recur.portal.role-mapping.roles.admin=full", "recur.portal.role-mapping.fallback=none",
					"recur.portal.sessions.default-configuration=invoices", "recur.portal.login.enabled=false",
					"recur.portal.login.from=billing@example.com", "recur.portal.mirror.time-to-live=1m",
					"recur.portal.health.provider-cache=5s", "recur.portal.base-url=https://app.example.com")
			.run((context) -> {
				assertThat(context.getBean(RecurPortalWebProperties.class).getPath()).isEqualTo("/billing");
				RecurPortalApiProperties api = context.getBean(RecurPortalApiProperties.class);
				assertThat(api.getPath()).isEqualTo("/api/billing");
				assertThat(api.getServerPath()).isEqualTo("/v2");
				assertThat(api.getSecretKeys()).containsExactly("sk_portal_1");
				RecurPortalSecurityProperties security = context.getBean(RecurPortalSecurityProperties.class);
				assertThat(security.getAccountClaim()).isEqualTo("org");
				assertThat(security.getOwnerRoles()).isEqualTo(Set.of("admin"));
				RecurPortalRoleMappingProperties roleMapping = context.getBean(RecurPortalRoleMappingProperties.class);
				assertThat(roleMapping.getRoles()).containsEntry("admin", "full");
				assertThat(roleMapping.getFallback()).isEqualTo("none");
				assertThat(context.getBean(RecurPortalSessionsProperties.class).getDefaultConfiguration())
					.isEqualTo("invoices");
				RecurPortalLoginProperties login = context.getBean(RecurPortalLoginProperties.class);
				assertThat(login.getEnabled()).isFalse();
				assertThat(login.getFrom()).isEqualTo("billing@example.com");
				assertThat(context.getBean(RecurPortalMirrorProperties.class).getTimeToLive())
					.isEqualTo(Duration.ofMinutes(1));
				assertThat(context.getBean(RecurPortalHealthProperties.class).getProviderCache())
					.isEqualTo(Duration.ofSeconds(5));
				assertThat(context.getBean(RecurPortalProperties.class).getBaseUrl())
					.isEqualTo("https://app.example.com");
				assertThat(context.getBean(RecurPortalProperties.class).getConfigurations()).isEqualTo(Map.of());
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ RecurPortalProperties.class, RecurPortalWebProperties.class,
			RecurPortalApiProperties.class, RecurPortalSecurityProperties.class,
			RecurPortalRoleMappingProperties.class, RecurPortalSessionsProperties.class,
			RecurPortalLoginProperties.class, RecurPortalMirrorProperties.class, RecurPortalHealthProperties.class })
	static class AllProperties {

	}

}
