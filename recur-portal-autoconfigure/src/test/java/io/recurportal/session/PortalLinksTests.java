package io.recurportal.session;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortalLinksTests {

	private static final String TOKEN = "xn0i7aqgNEP6ZRVMIAi7YDuglEEoXytCmILSJsq1EzU";

	@Test
	void sessionUrlIsOnTheBaseUrlUnderThePortalPath() {
		assertThat(new PortalLinks("https://billing.example.com/", "/portal/").sessionUrl(TOKEN))
			.isEqualTo("https://billing.example.com/portal/s/" + TOKEN);
	}

	@Test
	void redactKeepsEverythingButTheToken() {
		assertThat(PortalLinks.redact("https://billing.example.com/portal/s/" + TOKEN))
			.isEqualTo("https://billing.example.com/portal/s/[redacted]");
		assertThat(PortalLinks.redact("/portal/s/" + TOKEN)).isEqualTo("/portal/s/[redacted]");
		assertThat(PortalLinks.redact(TOKEN)).isEqualTo("[redacted]");
		assertThat(PortalLinks.redact(null)).isEqualTo("null");
	}

	@Test
	void redactDropsQueryAndFragmentWhichMayHoldSecretsToo() {
		assertThat(PortalLinks.redact("https://billing.stripe.com/p/session/test_YWNjdF8x?locale=ja#key"))
			.isEqualTo("https://billing.stripe.com/p/session/[redacted]");
		assertThat(PortalLinks.redact("https://billing.stripe.com/p/session/test_YWNjdF8x#k/e/y"))
			.isEqualTo("https://billing.stripe.com/p/session/[redacted]");
	}

	@Test
	void createdSessionNeverShowsItsToken() {
		Instant now = Instant.parse("2026-08-20T10:00:00Z");
		PortalSession session = new PortalSession("portal_sess_1", "cus_1", "acct_1", "full", null, null, true, now,
				now.plusSeconds(3600), null, null);
		assertThat(new CreatedPortalSession(session, "https://billing.example.com/portal/s/" + TOKEN))
			.asString()
			.doesNotContain(TOKEN)
			.contains("portal_sess_1", "https://billing.example.com/portal/s/[redacted]");
	}

}
