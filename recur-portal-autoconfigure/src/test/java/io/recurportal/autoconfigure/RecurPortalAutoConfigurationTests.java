package io.recurportal.autoconfigure;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.recurportal.access.PortalAccessPolicy;
import io.recurportal.account.AccountContext;
import io.recurportal.account.AccountCustomerLinks;
import io.recurportal.account.AccountCustomerResolver;
import io.recurportal.account.InMemoryAccountCustomerLinks;
import io.recurportal.audit.AuditedActions;
import io.recurportal.audit.InMemoryAuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.CancelTiming;
import io.recurportal.billing.ProrationBehavior;
import io.recurportal.billing.RetentionCoupon;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurationResolver;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.configuration.PortalFeature;
import io.recurportal.configuration.RoleMappingPortalConfigurationResolver;
import io.recurportal.customer.BillingAccountCustomerResolver;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.snapshot.BillingSnapshotStore;
import io.recurportal.snapshot.InMemoryBillingSnapshotStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
class RecurPortalAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RecurPortalAutoConfiguration.class))
		.withBean(BillingGateway.class, () -> mock(BillingGateway.class));

	@Test
	void hostResolverWithRoleMappingPropertiesWarnsOnceNamingBoth(CapturedOutput output) {
		this.contextRunner.withBean(PortalConfigurationResolver.class, () -> (account) -> null)
			.withPropertyValues("recur.portal.role-mapping.roles.billing-admin=full")
			.run((context) -> assertThat(context).hasNotFailed());
		String warning = "so the recur.portal.role-mapping.* properties";
		assertThat(output).contains("PortalConfigurationResolver bean (", warning, "are ignored");
		assertThat(output.toString().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
	}

	@Test
	void hostResolverAloneOrRoleMappingAloneIsSilent(CapturedOutput output) {
		this.contextRunner.withBean(PortalConfigurationResolver.class, () -> (account) -> null)
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withPropertyValues("recur.portal.role-mapping.roles.billing-admin=full")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("recur.portal.role-mapping.* properties");
	}

	@Test
	void metricsRecordedInTheHostsMeterRegistry() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.contextRunner.withBean(MeterRegistry.class, () -> registry).run((context) -> {
			context.getBean(PortalMetrics.class).action("cancel_subscription", "succeeded");
			assertThat(registry.get(PortalMetrics.ACTIONS).counter().count()).isEqualTo(1);
		});
	}

	@Test
	void metricsWithoutMeterRegistryRecordNothing() {
		this.contextRunner.run((context) -> assertThat(context).getBean(PortalMetrics.class)
			.isSameAs(PortalMetrics.none()));
	}

	@Test
	void hostMetricsAndSnapshotStoreAreKept() {
		PortalMetrics metrics = new PortalMetrics(new SimpleMeterRegistry());
		BillingSnapshotStore store = new InMemoryBillingSnapshotStore();
		this.contextRunner.withBean(PortalMetrics.class, () -> metrics)
			.withBean(BillingSnapshotStore.class, () -> store)
			.run((context) -> {
				assertThat(context).getBean(PortalMetrics.class).isSameAs(metrics);
				assertThat(context).getBean(BillingSnapshotStore.class).isSameAs(store);
				assertThat(context).hasSingleBean(AccountSnapshots.class);
			});
	}

	@Test
	void defaultBeansAreCreated() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PortalConfigurations.class)
				.hasSingleBean(PortalAccessPolicy.class)
				.hasSingleBean(RecurPortalProperties.class);
			assertThat(context).getBean(PortalConfigurationResolver.class)
				.isInstanceOf(RoleMappingPortalConfigurationResolver.class);
			assertThat(context).getBean(AccountCustomerResolver.class)
				.isInstanceOf(BillingAccountCustomerResolver.class);
			PortalConfigurations configurations = context.getBean(PortalConfigurations.class);
			assertThat(configurations.get("full").features()).isEqualTo(PortalFeature.all());
			assertThat(configurations.get("invoices").features())
				.containsExactlyInAnyOrder(PortalFeature.SUBSCRIPTION_VIEW, PortalFeature.INVOICE_HISTORY);
		});
	}

	@Test
	void defaultRoleMappingGivesOwnersFullAndOthersInvoices() {
		this.contextRunner.run((context) -> {
			PortalConfigurationResolver resolver = context.getBean(PortalConfigurationResolver.class);
			assertThat(resolver.resolve(new AccountContext("a", "u", Set.of("owner"), true)).id()).isEqualTo("full");
			assertThat(resolver.resolve(new AccountContext("a", "u", Set.of("member"), false)).id())
				.isEqualTo("invoices");
		});
	}

	@Test
	void whenDisabledThenNoBeans() {
		this.contextRunner.withPropertyValues("recur.portal.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(PortalConfigurations.class)
				.doesNotHaveBean(PortalConfigurationResolver.class)
				.doesNotHaveBean(PortalAccessPolicy.class)
				.doesNotHaveBean(AccountCustomerResolver.class)
				.doesNotHaveBean(RecurPortalProperties.class);
		});
	}

	@Test
	void whenHostDefinesResolverThenItIsUsed() {
		this.contextRunner.withUserConfiguration(HostResolverConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(PortalConfigurationResolver.class);
			assertThat(context).getBean(PortalConfigurationResolver.class)
				.isSameAs(context.getBean("hostResolver"));
		});
	}

	@Test
	void whenHostDefinesCustomerResolverThenItIsUsed() {
		this.contextRunner.withBean("hostCustomers", AccountCustomerResolver.class, () -> (account) -> Optional.empty())
			.run((context) -> assertThat(context).getBean(AccountCustomerResolver.class)
				.isSameAs(context.getBean("hostCustomers")));
	}

	@Test
	void whenHostDefinesCustomerLinksThenTheResolverAndCheckoutUseThem() {
		AccountCustomerLinks links = new InMemoryAccountCustomerLinks();
		links.link("acct-linked", "cus_linked");
		this.contextRunner.withBean("hostLinks", AccountCustomerLinks.class, () -> links).run((context) -> {
			assertThat(context).getBean(AccountCustomerLinks.class).isSameAs(links);
			assertThat(context.getBean(AccountCustomerResolver.class).resolveCustomerId("acct-linked"))
				.contains("cus_linked");
		});
	}

	@Test
	void whenHostDefinesAnInternalServiceThenTheStarterDoesNotBackOff() {
		AuditedActions hostAudited = new AuditedActions(new InMemoryAuditTrail(1), PortalMetrics.none(),
				Clock.systemUTC());
		this.contextRunner.withBean("hostAuditedActions", AuditedActions.class, () -> hostAudited)
			.run((context) -> assertThat(context).getBeans(AuditedActions.class)
				.containsOnlyKeys("auditedActions", "hostAuditedActions")
				.doesNotContainEntry("auditedActions", hostAudited));
	}

	@Test
	void whenHostDefinesConfigurationsAndPolicyThenTheyAreUsed() {
		PortalConfigurations configurations = new PortalConfigurations(Set.of());
		PortalAccessPolicy policy = new PortalAccessPolicy();
		this.contextRunner.withBean(PortalConfigurations.class, () -> configurations)
			.withBean(PortalAccessPolicy.class, () -> policy)
			.run((context) -> {
				assertThat(context).getBean(PortalConfigurations.class).isSameAs(configurations);
				assertThat(context).getBean(PortalAccessPolicy.class).isSameAs(policy);
			});
	}

	@Test
	void configurationsAndRoleMappingFromProperties() {
		this.contextRunner
			.withPropertyValues("recur.portal.configurations.support.features=subscription-view,license-keys",
					"recur.portal.configurations.support.branding.business-name=Acme",
					"recur.portal.configurations.support.branding.primary-color=#1a73e8",
					"recur.portal.configurations.support.branding.logo-url=https://cdn.example.com/logo.png",
					"recur.portal.configurations.support.cancellation.mode=immediately",
					"recur.portal.configurations.support.cancellation.reasons=too_expensive,other",
					"recur.portal.configurations.support.plan-change.prices=price_a,price_b",
					"recur.portal.configurations.support.plan-change.allow-downgrades=false",
					"recur.portal.configurations.support.plan-change.proration-behavior=always-invoice",
					"recur.portal.configurations.full.branding.headline=Billing",
					"recur.portal.role-mapping.roles.support=support", "recur.portal.role-mapping.fallback=support")
			.run((context) -> {
				PortalConfigurations configurations = context.getBean(PortalConfigurations.class);
				PortalConfiguration support = configurations.get("support");
				assertThat(support.features()).containsExactlyInAnyOrder(PortalFeature.SUBSCRIPTION_VIEW,
						PortalFeature.LICENSE_KEYS);
				assertThat(support.branding().businessName()).isEqualTo("Acme");
				assertThat(support.branding().primaryColor()).isEqualTo("#1a73e8");
				assertThat(support.cancellation().mode()).isEqualTo(CancelTiming.IMMEDIATELY);
				assertThat(support.cancellation().reasons()).containsExactly("too_expensive", "other");
				assertThat(support.planChange().prices()).containsExactly("price_a", "price_b");
				assertThat(support.planChange().allowDowngrades()).isFalse();
				assertThat(support.planChange().prorationBehavior()).isEqualTo(ProrationBehavior.ALWAYS_INVOICE);
				// Naming a built-in keeps its features unless they are set.
				assertThat(configurations.get("full").features()).isEqualTo(PortalFeature.all());
				assertThat(configurations.get("full").branding().headline()).isEqualTo("Billing");
				PortalConfigurationResolver resolver = context.getBean(PortalConfigurationResolver.class);
				assertThat(resolver.resolve(new AccountContext("a", "u", Set.of("support"), false)).id())
					.isEqualTo("support");
				assertThat(resolver.resolve(new AccountContext("a", "u", Set.of("owner"), true)).id())
					.isEqualTo("full");
				assertThat(resolver.resolve(new AccountContext("a", "u", Set.of(), false)).id()).isEqualTo("support");
			});
	}

	@Test
	void whenBrandingColourIsNotAColourThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner
			.withPropertyValues("recur.portal.configurations.full.branding.primary-color=red;background:url(x)")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains(
						"recur.portal.configurations.full.branding.primary-color = 'red;background:url(x)'",
						"six hex digits");
				assertThat(analysis.getAction()).contains("primary-color: \"#4f46e5\"", "in quotes");
			});
	}

	@Test
	void timingChoiceAndQuantityFromProperties() {
		this.contextRunner
			.withPropertyValues("recur.portal.configurations.team.features=subscription-view,subscription-update",
					"recur.portal.configurations.team.cancellation.timing-choice=true",
					"recur.portal.configurations.team.quantity.enabled=true",
					"recur.portal.configurations.team.quantity.minimum=2",
					"recur.portal.configurations.team.quantity.maximum=50")
			.run((context) -> {
				PortalConfigurations configurations = context.getBean(PortalConfigurations.class);
				PortalConfiguration team = configurations.get("team");
				assertThat(team.cancellation().timingChoice()).isTrue();
				assertThat(team.cancellation().allows(CancelTiming.IMMEDIATELY)).isTrue();
				assertThat(team.quantity()).isEqualTo(new PortalConfiguration.Quantity(true, 2, 50));
				assertThat(team.quantity().allows(1)).isFalse();
				assertThat(team.quantity().allows(51)).isFalse();
				assertThat(configurations.get("full").quantity()).isEqualTo(PortalConfiguration.Quantity.FIXED);
				assertThat(configurations.get("full").cancellation().allows(CancelTiming.IMMEDIATELY)).isFalse();
			});
	}

	@Test
	void retentionOfferBindsAsACouponOrAPercentage() {
		this.contextRunner
			.withPropertyValues("recur.portal.configurations.team.features=subscription-view,subscription-cancel",
					"recur.portal.configurations.team.cancellation.retention-offer.percent-off=20",
					"recur.portal.configurations.team.cancellation.retention-offer.duration-in-months=3",
					"recur.portal.configurations.full.cancellation.retention-offer.coupon=STAY-25")
			.run((context) -> {
				PortalConfigurations configurations = context.getBean(PortalConfigurations.class);
				assertThat(configurations.get("team").cancellation().retentionOffer())
					.isEqualTo(new RetentionCoupon(null, 20, 3));
				assertThat(configurations.get("full").cancellation().retentionOffer())
					.isEqualTo(new RetentionCoupon("STAY-25", null, null));
				assertThat(configurations.get("invoices").cancellation().retentionOffer()).isNull();
			});
	}

	@Test
	void whenRetentionOfferIsHalfSetThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner
			.withPropertyValues("recur.portal.configurations.team.cancellation.retention-offer.percent-off=20")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription())
					.contains("recur.portal.configurations.team.cancellation.retention-offer.duration-in-months");
			});
		this.contextRunner
			.withPropertyValues("recur.portal.configurations.team.cancellation.retention-offer.percent-off=120",
					"recur.portal.configurations.team.cancellation.retention-offer.duration-in-months=3")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("recur.portal.configurations.team.cancellation.retention-offer.percent-off = '120'"));
		this.contextRunner
			.withPropertyValues("recur.portal.configurations.team.cancellation.retention-offer.coupon=STAY",
					"recur.portal.configurations.team.cancellation.retention-offer.percent-off=20")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("recur.portal.configurations.team.cancellation.retention-offer.coupon", "not both"));
	}

	@Test
	void brandingTranslationsBindByLanguageTag() {
		this.contextRunner
			.withPropertyValues("recur.portal.configurations.full.branding.headline=Manage your plan",
					"recur.portal.configurations.full.branding.translations.ja.headline=プランの管理",
					"recur.portal.configurations.full.branding.translations[zh-TW].business-name=收件匣管家")
			.run((context) -> {
				PortalConfiguration.Branding brand = context.getBean(PortalConfigurations.class).get("full").branding();
				assertThat(brand.in(Locale.JAPANESE).headline()).isEqualTo("プランの管理");
				assertThat(brand.in(Locale.TRADITIONAL_CHINESE).businessName()).isEqualTo("收件匣管家");
				assertThat(brand.in(Locale.ENGLISH).headline()).isEqualTo("Manage your plan");
			});
	}

	@Test
	void whenQuantityBoundsAreWrongThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner.withPropertyValues("recur.portal.configurations.team.quantity.minimum=0")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("recur.portal.configurations.team.quantity.minimum = '0'");
				assertThat(analysis.getAction()).contains("quantity.minimum=1");
			});
		this.contextRunner
			.withPropertyValues("recur.portal.configurations.team.quantity.minimum=5",
					"recur.portal.configurations.team.quantity.maximum=3")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("recur.portal.configurations.team.quantity.maximum = '3'",
						"recur.portal.configurations.team.quantity.minimum (5)");
				assertThat(analysis.getAction()).contains("quantity.maximum=5");
			});
		this.contextRunner.withPropertyValues("recur.portal.configurations.team.pause.max-duration=-1d")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("recur.portal.configurations.team.pause.max-duration"));
	}

	@Test
	void whenBrandingLinkIsNotHttpThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner
			.withPropertyValues("recur.portal.configurations.full.branding.terms-of-service-url=javascript:alert(1)")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains(
						"recur.portal.configurations.full.branding.terms-of-service-url = 'javascript:alert(1)'",
						"absolute http(s) URLs");
				assertThat(analysis.getAction()).contains("=https://");
			});
	}

	@Test
	void whenRoleMappingNamesUnknownConfigurationThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner.withPropertyValues("recur.portal.role-mapping.roles.owner=everything")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("recur.portal.role-mapping.roles.owner = 'everything'",
						"no portal configuration is named 'everything'", "full, invoices");
				assertThat(analysis.getAction()).contains("full, invoices",
						"recur.portal.configurations.everything");
			});
	}

	@Test
	void whenRoleMappingFallbackIsUnknownThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner.withPropertyValues("recur.portal.role-mapping.fallback=nothing")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("recur.portal.role-mapping.fallback = 'nothing'"));
	}

	@Test
	void whenDefaultConfigurationIsUnknownThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner.withPropertyValues("recur.portal.sessions.default-configuration=standard")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("recur.portal.sessions.default-configuration = 'standard'"));
	}

	@Test
	void whenReturnOriginHasAPathThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner
			.withPropertyValues("recur.portal.allowed-return-origins=https://app.example.com,https://shop.example.com/account")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains(
						"recur.portal.allowed-return-origins[1] = 'https://shop.example.com/account'", "no path");
				assertThat(analysis.getAction()).contains("https://app.example.com");
			});
	}

	@Test
	void whenMirrorTimeToLiveIsNegativeThenStartupFailsThroughTheAnalyzer() {
		this.contextRunner.withPropertyValues("recur.portal.mirror.time-to-live=-1m")
			.run((context) -> assertThat(analysis(context).getDescription())
				.contains("recur.portal.mirror.time-to-live = 'PT-1M'", "negative"));
	}

	private static FailureAnalysis analysis(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new PortalSettingFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
		return analysis;
	}

	@Configuration(proxyBeanMethods = false)
	static class HostResolverConfiguration {

		@Bean
		PortalConfigurationResolver hostResolver(PortalConfigurations configurations) {
			return (account) -> configurations.get("full");
		}

	}

}
