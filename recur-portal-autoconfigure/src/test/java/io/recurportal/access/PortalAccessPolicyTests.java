package io.recurportal.access;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.recurportal.account.AccountContext;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.configuration.PortalConfigurations;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PortalAccessPolicyTests {

	private final PortalAccessPolicy policy = new PortalAccessPolicy();

	private final PortalConfigurations configurations = new PortalConfigurations(Set.of());

	private final AccountContext owner = new AccountContext("acct", "alice", Set.of("owner"), true);

	private final AccountContext member = new AccountContext("acct", "bob", Set.of("member"), false);

	@ParameterizedTest
	@EnumSource(PortalAction.class)
	void checkWhenOwnerWithFullConfigurationThenEveryActionAllowed(PortalAction action) {
		PortalCaller caller = new PortalCaller(this.owner, this.configurations.get("full"));
		assertThatNoException().isThrownBy(() -> this.policy.check(caller, action));
		assertThat(this.policy.allows(caller, action)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = PortalAction.class, names = { "CANCEL_SUBSCRIPTION", "CHANGE_PLAN", "START_CHECKOUT",
			"UPDATE_PAYMENT_METHOD", "UPDATE_PROFILE", "PAUSE_SUBSCRIPTION", "SYNC_SUBSCRIPTIONS" })
	void checkWhenMemberWithFullConfigurationAndBillingActionThenOwnerRequired(PortalAction action) {
		PortalCaller caller = new PortalCaller(this.member, this.configurations.get("full"));
		assertThatExceptionOfType(PortalException.class).isThrownBy(() -> this.policy.check(caller, action))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.OWNER_REQUIRED));
		assertThat(this.policy.allows(caller, action)).isFalse();
	}

	@Test
	void checkWhenInvoicesConfigurationThenViewingAllowed() {
		PortalCaller caller = new PortalCaller(this.member, this.configurations.get("invoices"));
		assertThat(this.policy.allows(caller, PortalAction.VIEW_SUBSCRIPTIONS)).isTrue();
		assertThat(this.policy.allows(caller, PortalAction.VIEW_INVOICES)).isTrue();
		assertThat(this.policy.allows(caller, PortalAction.DOWNLOAD_INVOICE)).isTrue();
		assertThat(this.policy.allows(caller, PortalAction.VIEW_IDENTITY)).isTrue();
	}

	@Test
	void checkWhenOwnerWithInvoicesConfigurationAndCancelThenFeatureNotEnabled() {
		PortalCaller caller = new PortalCaller(this.owner, this.configurations.get(PortalConfiguration.INVOICES));
		assertThatExceptionOfType(PortalException.class)
			.isThrownBy(() -> this.policy.check(caller, PortalAction.CANCEL_SUBSCRIPTION))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.FEATURE_NOT_ENABLED))
			.withMessageContaining("subscription-cancel");
	}

	@Test
	void checkWhenMemberWithInvoicesConfigurationAndCancelThenFeatureCheckedFirst() {
		PortalCaller caller = new PortalCaller(this.member, this.configurations.get("invoices"));
		assertThatExceptionOfType(PortalException.class)
			.isThrownBy(() -> this.policy.check(caller, PortalAction.CANCEL_SUBSCRIPTION))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(PortalErrorCode.FEATURE_NOT_ENABLED));
	}

	@Test
	void checkWhenLicenseKeysNotInConfigurationThenFeatureNotEnabled() {
		PortalCaller caller = new PortalCaller(this.member, this.configurations.get("invoices"));
		assertThat(this.policy.allows(caller, PortalAction.VIEW_LICENSE_KEYS)).isFalse();
		assertThat(this.policy.allows(caller, PortalAction.VIEW_PAYMENT_METHODS)).isFalse();
	}

}
