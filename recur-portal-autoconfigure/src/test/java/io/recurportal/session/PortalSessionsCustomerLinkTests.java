package io.recurportal.session;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.recurportal.account.AccountCustomerLinks;
import io.recurportal.account.InMemoryAccountCustomerLinks;
import io.recurportal.billing.BillingGateway;
import io.recurportal.billing.Customer;
import io.recurportal.configuration.PortalConfigurations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * A customer named by external id (the server API's {@code externalId}) is read through
 * the account's link: the provider's search runs only for an account with no link.
 */
class PortalSessionsCustomerLinkTests {

	private final BillingGateway gateway = mock(BillingGateway.class);

	private final AccountCustomerLinks links = new InMemoryAccountCustomerLinks();

	private final PortalSessions sessions = new PortalSessions(this.gateway, new InMemoryPortalSessionStore(),
			new PortalConfigurations(List.of()), new ReturnUrlPolicy(List.of("https://app.example.com")),
			new PortalLinks(null, "/portal"), "full", Clock.systemUTC());

	private static Customer customer(String id) {
		return new Customer(id, "acct-1", null, null, null, null, null, null, 0, null, Map.of());
	}

	@BeforeEach
	void useLinks() {
		this.sessions.setCustomerLinks(this.links);
	}

	@Test
	void requireCustomerWhenLinkedThenReadByIdWithoutSearch() {
		this.links.link("acct-1", "cus_1");
		given(this.gateway.findCustomer("cus_1")).willReturn(Optional.of(customer("cus_1")));

		assertThat(this.sessions.requireCustomer(null, "acct-1", null).id()).isEqualTo("cus_1");

		verify(this.gateway, never()).findCustomerByExternalId(anyString());
	}

	@Test
	void requireCustomerWhenNotLinkedThenSearchesOnceAndLinks() {
		given(this.gateway.findCustomerByExternalId("acct-1")).willReturn(Optional.of(customer("cus_1")));
		given(this.gateway.findCustomer("cus_1")).willReturn(Optional.of(customer("cus_1")));

		assertThat(this.sessions.requireCustomer(null, "acct-1", null).id()).isEqualTo("cus_1");
		assertThat(this.sessions.requireCustomer(null, "acct-1", null).id()).isEqualTo("cus_1");

		verify(this.gateway, times(1)).findCustomerByExternalId("acct-1");
		assertThat(this.links.find("acct-1")).contains("cus_1");
	}

	@Test
	void requireCustomerWhenSearchFindsAnotherThanTheLinkedCustomerThenTheLinkedOne() {
		AccountCustomerLinks racing = new AccountCustomerLinks() {

			@Override
			public Optional<String> find(String accountId) {
				return Optional.empty();
			}

			@Override
			public String link(String accountId, String customerId) {
				return "cus_first";
			}

		};
		this.sessions.setCustomerLinks(racing);
		given(this.gateway.findCustomerByExternalId("acct-1")).willReturn(Optional.of(customer("cus_second")));
		given(this.gateway.findCustomer("cus_first")).willReturn(Optional.of(customer("cus_first")));

		assertThat(this.sessions.requireCustomer(null, "acct-1", null).id()).isEqualTo("cus_first");
	}

}
