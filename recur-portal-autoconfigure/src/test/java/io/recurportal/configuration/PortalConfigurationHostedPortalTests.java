package io.recurportal.configuration;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.HostedPortalConfiguration;
import io.recurportal.billing.ProrationBehavior;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortalConfiguration#hostedPortal()}: a provider's hosted portal is told
 * everything the portal configuration says, feature by feature and option by option.
 */
class PortalConfigurationHostedPortalTests {

	@Test
	void hostedPortalKeepsEveryFeatureUnderItsName() {
		PortalConfiguration full = PortalConfigurations.builtIn().get(0);
		HostedPortalConfiguration hosted = full.hostedPortal();
		assertThat(hosted.features()).hasSize(PortalFeature.values().length);
		for (PortalFeature feature : PortalFeature.values()) {
			assertThat(hosted.features()).anySatisfy((mapped) -> assertThat(mapped.value()).isEqualTo(feature.value()));
			assertThat(HostedPortalConfiguration.Feature.valueOf(feature.name()).toString())
				.isEqualTo(feature.toString());
		}
	}

	@Test
	void hostedPortalKeepsBrandingCancellationAndPlanChange() {
		PortalConfiguration team = new PortalConfiguration("team",
				Set.of(PortalFeature.INVOICE_HISTORY, PortalFeature.SUBSCRIPTION_CANCEL),
				new PortalConfiguration.Branding("Acme", "Manage your plan", "https://acme.example/logo.png", "#ff6600",
						"https://acme.example/terms", "https://acme.example/privacy"),
				new PortalConfiguration.Cancellation(CancelTiming.IMMEDIATELY, List.of("other")),
				new PortalConfiguration.PlanChange(List.of("price_A"), false, ProrationBehavior.ALWAYS_INVOICE),
				"https://acme.example/account");
		assertThat(team.hostedPortal()).isEqualTo(new HostedPortalConfiguration("team",
				Set.of(HostedPortalConfiguration.Feature.INVOICE_HISTORY,
						HostedPortalConfiguration.Feature.SUBSCRIPTION_CANCEL),
				new HostedPortalConfiguration.Branding("Acme", "Manage your plan", "https://acme.example/logo.png",
						"#ff6600", "https://acme.example/terms", "https://acme.example/privacy"),
				new HostedPortalConfiguration.Cancellation(CancelTiming.IMMEDIATELY, List.of("other")),
				new HostedPortalConfiguration.PlanChange(List.of("price_A"), false, ProrationBehavior.ALWAYS_INVOICE),
				"https://acme.example/account"));
	}

}
