package io.recurportal.configuration;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortalConfigurationBrandingTests {

	private final PortalConfiguration.Branding brand = new PortalConfiguration.Branding("Inbox Manager",
			"Manage your subscription", null, "#4f46e5", null, null,
			Map.of("ja", new PortalConfiguration.Translation("受信箱マネージャー", "ご契約の管理"), "zh_TW",
					new PortalConfiguration.Translation(null, "管理您的訂閱"), "zh",
					new PortalConfiguration.Translation(null, "管理您的订阅")));

	@Test
	void inALanguageWithATranslationThenItsNameAndHeadline() {
		PortalConfiguration.Branding japanese = this.brand.in(Locale.JAPANESE);
		assertThat(japanese.businessName()).isEqualTo("受信箱マネージャー");
		assertThat(japanese.headline()).isEqualTo("ご契約の管理");
		assertThat(japanese.primaryColor()).isEqualTo("#4f46e5");
	}

	@Test
	void regionBeforeLanguageAndWhatATranslationLeavesOutStays() {
		assertThat(this.brand.in(Locale.TRADITIONAL_CHINESE).headline()).isEqualTo("管理您的訂閱");
		assertThat(this.brand.in(Locale.TRADITIONAL_CHINESE).businessName()).isEqualTo("Inbox Manager");
		assertThat(this.brand.in(Locale.SIMPLIFIED_CHINESE).headline()).isEqualTo("管理您的订阅");
	}

	@Test
	void inALanguageWithoutATranslationThenAsConfigured() {
		assertThat(this.brand.in(Locale.forLanguageTag("th"))).isSameAs(this.brand);
		assertThat(PortalConfiguration.Branding.NONE.in(Locale.JAPANESE)).isSameAs(PortalConfiguration.Branding.NONE);
	}

}
