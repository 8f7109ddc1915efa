package io.recurportal.login;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.recurportal.billing.BillingGateway;
import io.recurportal.configuration.PortalConfiguration;
import io.recurportal.session.PortalSessions;
import io.recurportal.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link EmailLogin}'s rate limit per email.
 */
class EmailLoginTests {

	private final BillingGateway gateway = mock(BillingGateway.class);

	private final List<LoginLink> sent = new ArrayList<>();

	private final EmailLogin login = new EmailLogin(this.gateway, mock(PortalSessions.class),
			new InMemoryLoginRateLimiter(), this.sent::add, Runnable::run,
			new EmailLogin.Limits(Duration.ofMinutes(15), 1, 100, Duration.ofHours(1)), "full",
			new MutableClock(Instant.parse("2026-04-01T00:00:00Z")));

	@Test
	void requestWhenTurkishIFormsOfAnEmailThenTheyCountAgainstItsLimit() {
		given(this.gateway.findCustomerByEmail(anyString())).willReturn(Optional.empty());
		PortalConfiguration configuration = mock(PortalConfiguration.class);
		assertThat(this.login.request("alice@example.com", configuration, Locale.ENGLISH, "192.0.2.1"))
			.isEqualTo(EmailLogin.Outcome.ACCEPTED);
		assertThat(this.login.request("alİce@example.com", configuration, Locale.ENGLISH, "192.0.2.2"))
			.isEqualTo(EmailLogin.Outcome.RATE_LIMITED);
		assertThat(this.login.request("alıce@example.com", configuration, Locale.ENGLISH, "192.0.2.3"))
			.isEqualTo(EmailLogin.Outcome.RATE_LIMITED);
		assertThat(this.login.request(" ALICE@example.com", configuration, Locale.ENGLISH, "192.0.2.4"))
			.isEqualTo(EmailLogin.Outcome.RATE_LIMITED);
		assertThat(this.login.request("bob@example.com", configuration, Locale.ENGLISH, "192.0.2.5"))
			.isEqualTo(EmailLogin.Outcome.ACCEPTED);
	}

}
