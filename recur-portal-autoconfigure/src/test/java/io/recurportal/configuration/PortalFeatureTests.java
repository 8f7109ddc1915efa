package io.recurportal.configuration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PortalFeatureTests {

	@Test
	void fromValueAcceptsKebabAndEnumNames() {
		assertThat(PortalFeature.fromValue("subscription-cancel")).isEqualTo(PortalFeature.SUBSCRIPTION_CANCEL);
		assertThat(PortalFeature.fromValue("LICENSE_KEYS")).isEqualTo(PortalFeature.LICENSE_KEYS);
	}

	@Test
	void fromValueWhenUnknownThenNamesTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> PortalFeature.fromValue("refunds"))
			.withMessageContaining("refunds");
	}

}
