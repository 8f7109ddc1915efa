package io.recurportal.session;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

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
	void withoutOriginLinksAreRelativeNeverOnARequestsHost() {
		PortalLinks links = new PortalLinks(null, "/portal");
		assertThat(links.isAbsolute()).isFalse();
		assertThat(links.sessionUrl(TOKEN)).isEqualTo("/portal/s/" + TOKEN);
		assertThat(links.portalUrl("?notice=card_canceled")).isEqualTo("/portal?notice=card_canceled");
	}

	@Test
	void originKnownOnlyLaterIsReadWhenALinkIsBuilt() {
		AtomicReference<String> origin = new AtomicReference<>();
		PortalLinks links = PortalLinks.withOrigin(origin::get, "/billing");
		assertThat(links.isAbsolute()).isFalse();
		origin.set("http://localhost:49152/");
		assertThat(links.isAbsolute()).isTrue();
		assertThat(links.portalUrl("/payment-method/complete"))
			.isEqualTo("http://localhost:49152/billing/payment-method/complete");
	}

	@Test
	void emailedLinkTokensAreTheOnlyOnesThatNeedConfirmation() {
		String emailed = PortalTokens.generateForConfirmation();
		assertThat(emailed).startsWith(PortalTokens.CONFIRMATION_PREFIX).hasSize(45);
		assertThat(PortalTokens.needsConfirmation(emailed)).isTrue();
		assertThat(PortalTokens.isLinkToken(emailed)).isTrue();
		assertThat(PortalTokens.isWellFormed(emailed)).as("never a browser token").isFalse();
		assertThat(PortalTokens.needsConfirmation(TOKEN)).isFalse();
		assertThat(PortalTokens.isLinkToken(TOKEN)).isTrue();
		assertThat(PortalTokens.needsConfirmation("c_" + TOKEN.substring(2))).isFalse();
		assertThat(PortalTokens.isLinkToken("c_short")).isFalse();
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
