package io.recurportal.billing.stripe;

import io.recurportal.billing.HostedPortalConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HostedPortalFlow}.
 */
class HostedPortalFlowTests {

	@Test
	void cancelAndUpdateNeedASubscription() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HostedPortalFlow(HostedPortalFlow.Type.SUBSCRIPTION_CANCEL, null))
			.withMessageContaining("needs a subscription id");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HostedPortalFlow(HostedPortalFlow.Type.SUBSCRIPTION_UPDATE, " "))
			.withMessageContaining("needs a subscription id");
	}

	@Test
	void paymentMethodUpdateTakesNoSubscription() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new HostedPortalFlow(HostedPortalFlow.Type.PAYMENT_METHOD_UPDATE, "sub_1"))
			.withMessageContaining("does not take a subscription id");
	}

	@Test
	void eachFlowNeedsTheFeatureItOpens() {
		assertThat(HostedPortalFlow.paymentMethodUpdate().type().feature())
			.isEqualTo(HostedPortalConfiguration.Feature.PAYMENT_METHOD_UPDATE);
		assertThat(HostedPortalFlow.subscriptionCancel("sub_1").type().feature())
			.isEqualTo(HostedPortalConfiguration.Feature.SUBSCRIPTION_CANCEL);
		assertThat(HostedPortalFlow.subscriptionUpdate("sub_1").type().feature())
			.isEqualTo(HostedPortalConfiguration.Feature.SUBSCRIPTION_UPDATE);
	}

}
