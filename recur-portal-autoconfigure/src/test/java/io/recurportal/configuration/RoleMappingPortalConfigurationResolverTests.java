package io.recurportal.configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.recurportal.account.AccountContext;
import io.recurportal.billing.CancelTiming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoleMappingPortalConfigurationResolverTests {

	private final PortalConfiguration support = new PortalConfiguration("support",
			Set.of(PortalFeature.SUBSCRIPTION_VIEW), PortalConfiguration.Branding.NONE,
			new PortalConfiguration.Cancellation(CancelTiming.PERIOD_END, List.of()),
			PortalConfiguration.PlanChange.DEFAULT, null);

	private final PortalConfigurations configurations = new PortalConfigurations(List.of(this.support));

	@Test
	void resolveWhenRoleMappedThenItsConfiguration() {
		RoleMappingPortalConfigurationResolver resolver = new RoleMappingPortalConfigurationResolver(
				this.configurations, Map.of("owner", "full"), "invoices");
		assertThat(resolver.resolve(caller("owner")).id()).isEqualTo("full");
	}

	@Test
	void resolveWhenNoRoleMappedThenFallback() {
		RoleMappingPortalConfigurationResolver resolver = new RoleMappingPortalConfigurationResolver(
				this.configurations, Map.of("owner", "full"), "invoices");
		assertThat(resolver.resolve(caller("member")).id()).isEqualTo("invoices");
		assertThat(resolver.resolve(caller()).id()).isEqualTo("invoices");
	}

	@Test
	void resolveWhenSeveralRolesMappedThenFirstEntryWins() {
		Map<String, String> mapping = new LinkedHashMap<>();
		mapping.put("support", "support");
		mapping.put("owner", "full");
		RoleMappingPortalConfigurationResolver resolver = new RoleMappingPortalConfigurationResolver(
				this.configurations, mapping, "invoices");
		assertThat(resolver.resolve(caller("owner", "support")).id()).isEqualTo("support");
	}

	@Test
	void createWhenMappingNamesUnknownConfigurationThenFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RoleMappingPortalConfigurationResolver(this.configurations,
					Map.of("owner", "fulll"), "invoices"))
			.withMessageContaining("fulll");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new RoleMappingPortalConfigurationResolver(this.configurations, Map.of(), "nope"));
	}

	private static AccountContext caller(String... roles) {
		return new AccountContext("acct", "user", Set.of(roles), Set.of(roles).contains("owner"));
	}

}
