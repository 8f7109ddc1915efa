package io.recurportal.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.recurportal.access.PortalCaller;
import io.recurportal.account.AccountContext;
import io.recurportal.audit.AuditedActions;
import io.recurportal.audit.InMemoryAuditTrail;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.billing.CustomerProfileUpdate;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.error.PortalErrorCode;
import io.recurportal.error.PortalException;
import io.recurportal.login.InMemoryLoginRateLimiter;
import io.recurportal.metrics.PortalMetrics;
import io.recurportal.session.PortalLinks;
import io.recurportal.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * Tests for {@link EmailChanges}: expiry on a fake clock, and a confirmation the provider
 * could not save.
 */
class EmailChangesTests {

	private static final Customer CUSTOMER = new Customer("cus_1", "acct_1", "old@example.com", "Old", null, null,
			null, null, 0, null, Map.of());

	private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

	private final BillingGateway gateway = mock(BillingGateway.class);

	private final List<EmailChangeLink> sent = new ArrayList<>();

	private final EmailChanges changes = new EmailChanges(this.gateway, new InMemoryEmailChangeStore(),
			this.sent::add, new PortalLinks("https://billing.example.com", "/portal"),
			new AuditedActions(new InMemoryAuditTrail(10), PortalMetrics.none(), this.clock),
			this.clock, new InMemoryLoginRateLimiter(), 5, Duration.ofHours(1));

	private PortalCaller caller;

	@BeforeEach
	void caller() {
		PortalConfiguration configuration = mock(PortalConfiguration.class);
		given(configuration.id()).willReturn("full");
		given(configuration.branding()).willReturn(PortalConfiguration.Branding.NONE);
		this.caller = new PortalCaller(new AccountContext("acct_1", "user_1", Set.of("owner"), true), configuration);
		given(this.gateway.findCustomer("cus_1")).willReturn(Optional.of(CUSTOMER));
	}

	@Test
	void confirmWhenTheLinkHasExpiredThenNothingChanges() {
		this.changes.request(this.caller, CUSTOMER, "New@Example.com", Locale.ENGLISH);
		assertThat(this.sent).singleElement().satisfies((link) -> {
			assertThat(link.email()).isEqualTo("new@example.com");
			assertThat(link.url()).startsWith("https://billing.example.com/portal/email/");
			assertThat(link.validFor()).isEqualTo(Duration.ofHours(24));
		});
		assertThat(this.changes.pending("cus_1")).get().extracting(PendingEmailChange::email)
			.isEqualTo("new@example.com");
		this.clock.advance(Duration.ofHours(24));
		assertThat(this.changes.pending("cus_1")).isEmpty();
		assertThat(this.changes.find(token())).isEmpty();
		assertThat(this.changes.confirm(token())).isEmpty();
		then(this.gateway).should(never()).updateCustomer(anyString(), any(), anyString());
	}

	@Test
	void confirmWhenTheProviderFailsThenTheLinkStillWorks() {
		this.changes.request(this.caller, CUSTOMER, "new@example.com", Locale.ENGLISH);
		CustomerProfileUpdate expected = new CustomerProfileUpdate("Old", "new@example.com", null, null, null);
		given(this.gateway.updateCustomer(eq("cus_1"), eq(expected), anyString()))
			.willThrow(new PortalException(PortalErrorCode.PROVIDER_UNAVAILABLE, "down"))
			.willReturn(CUSTOMER);
		assertThatExceptionOfType(PortalException.class).isThrownBy(() -> this.changes.confirm(token()));
		assertThat(this.changes.confirm(token())).get().extracting(PendingEmailChange::email)
			.isEqualTo("new@example.com");
		assertThat(this.changes.confirm(token())).as("once confirmed, used").isEmpty();
	}

	private String token() {
		String url = this.sent.get(0).url();
		return url.substring(url.lastIndexOf('/') + 1);
	}

}
