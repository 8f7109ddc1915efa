package io.recurportal.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.recurportal.account.AccountContext;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.metrics.PortalMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AuditedActions}: every action, whatever its outcome, reaches the
 * listeners before it is recorded.
 */
class AuditedActionsTests {

	private final InMemoryAuditTrail trail = new InMemoryAuditTrail(10);

	private final List<String> told = new ArrayList<>();

	private final AuditedActions audited = new AuditedActions(this.trail, PortalMetrics.none(), Clock.systemUTC(),
			(accountId, action, result) -> this.told
				.add(accountId + " " + action + " " + result + " recorded=" + this.trail.findByAccount(accountId, 10).size()));

	private final AccountContext account = new AccountContext("acct_1", "alice", Set.of("owner"), true);

	@Test
	void performWhenActionSucceedsThenListenersAreToldBeforeItIsRecorded() {
		assertThat(this.audited.perform(this.account, "cancel_subscription", "sub_1", () -> "done")).isEqualTo("done");
		assertThat(this.told).containsExactly("acct_1 cancel_subscription succeeded recorded=0");
		assertThat(this.trail.findByAccount("acct_1", 10)).singleElement()
			.satisfies((entry) -> assertThat(entry.result()).isEqualTo(AuditEntry.SUCCEEDED));
	}

	@Test
	void performWhenActionFailsThenListenersAreToldTheErrorCode() {
		assertThatExceptionOfType(PortalException.class)
			.isThrownBy(() -> this.audited.perform(this.account, "cancel_subscription", "sub_1", () -> {
				throw new PortalException(PortalErrorCode.SUBSCRIPTION_NOT_FOUND, "No such subscription.");
			}));
		assertThat(this.told).containsExactly(
				"acct_1 cancel_subscription " + PortalErrorCode.SUBSCRIPTION_NOT_FOUND.code() + " recorded=0");
	}

	@Test
	void performWhenActionThrowsUnexpectedlyThenListenersAreToldInternalError() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.audited.perform(this.account, "sync_subscriptions", null, () -> {
				throw new IllegalStateException("boom");
			}));
		assertThat(this.told)
			.containsExactly("acct_1 sync_subscriptions " + PortalErrorCode.INTERNAL_ERROR.code() + " recorded=0");
	}

}
