package io.recurportal.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.recurportal.web.LicenseKeyProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app through real HTTP with real signed tokens, as a user would try it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private LicenseKeyProvider licenseKeys;

	@Test
	void billingAdminGetsFullConfigurationFromTheSamplesOwnMapping() throws Exception {
		JsonNode identity = getJson("/api/subscriptions/identity", token("acct_active", "dana", "billing-admin"));
		assertThat(identity.get("configuration").asString()).isEqualTo("full");
		assertThat(identity.get("owner").asBoolean()).isTrue();
		assertThat(identity.get("customer_id").asString()).isEqualTo("cus_active");
	}

	@Test
	void memberGetsInvoicesOnlyAndCannotCancel() throws Exception {
		String token = token("acct_active", "bob", "member");
		JsonNode identity = getJson("/api/subscriptions/identity", token);
		assertThat(identity.get("configuration").asString()).isEqualTo("invoices");
		assertThat(identity.get("owner").asBoolean()).isFalse();
		HttpResponse<String> cancel = send(HttpRequest.newBuilder(uri("/api/subscriptions/sub_active/cancel"))
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(cancel.statusCode()).isEqualTo(403);
		assertThat(this.json.readTree(cancel.body()).get("code").asString()).isEqualTo("feature_not_enabled");
	}

	@Test
	void demoDataIsServedBySandbox() throws Exception {
		JsonNode active = getJson("/api/subscriptions", token("acct_active", "alice", "owner"));
		assertThat(active.get("data").get(0).get("id").asString()).isEqualTo("sub_active");
		JsonNode onHold = getJson("/api/subscriptions", token("acct_on_hold", "carol", "owner"));
		assertThat(onHold.get("data").get(0).get("status").asString()).isEqualTo("past_due");
		assertThat(onHold.get("data").get(0).get("on_hold").asBoolean()).isTrue();
	}

	@Test
	void pagesAreOpenAndEverythingElseNeedsAToken() throws Exception {
		assertThat(send(HttpRequest.newBuilder(uri("/")).build()).body()).contains("Inbox Manager");
		assertThat(send(HttpRequest.newBuilder(uri("/account")).build()).body()).contains("account.js");
		assertThat(send(HttpRequest.newBuilder(uri("/internal/reports")).build()).statusCode()).isEqualTo(401);
		assertThat(send(HttpRequest.newBuilder(uri("/api/subscriptions")).build()).statusCode()).isEqualTo(401);
	}

	@Test
	void healthIsOpenWithThePortalsComponentsUpButNoDetailsAndNoOtherEndpoint() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/health")).build());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode health = this.json.readTree(response.body());
		assertThat(health.get("status").asString()).isEqualTo("UP");
		for (String component : new String[] { "recurPortalProvider", "recurPortalStore" }) {
			JsonNode portal = health.get("components").get(component);
			assertThat(portal).as(component).isNotNull();
			assertThat(portal.get("status").asString()).as(component).isEqualTo("UP");
			assertThat(portal.has("details")).as(component).isFalse();
		}
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/recurPortalStore")).build()).statusCode())
			.isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(uri("/actuator")).build()).statusCode()).isEqualTo(401);
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/env")).build()).statusCode()).isEqualTo(401);
	}

	@Test
	void theSampleSuppliesLicenseKeysForEntitledSubscriptions() {
		assertThat(this.licenseKeys.licenseKeys("cus_active", "acct_active")).singleElement()
			.satisfies((key) -> assertThat(key.key()).matches("INBX(-[0-9A-F]{4}){4}"));
		assertThat(this.licenseKeys.licenseKeys("cus_on_hold", "acct_on_hold")).isEmpty();
	}

	@Test
	void aMemberWithoutCustomerSeesThePlansButOnlyAnOwnerMaySubscribe() throws Exception {
		String member = token("acct_new", "noah", "member");
		JsonNode merchants = getJson("/api/subscriptions/merchants", member);
		assertThat(merchants.get("plans").size()).isEqualTo(4);
		assertThat(merchants.get("can_subscribe").asBoolean()).isFalse();
		assertThat(getJson("/api/subscriptions/identity", member).get("customer_id").isNull()).isTrue();
		// The owner subscribes through the portal (the browser tests walk it).
		assertThat(getJson("/api/subscriptions/merchants", token("acct_new", "nina", "owner")).get("can_subscribe")
			.asBoolean()).isTrue();
	}

	@Test
	void demoTokenRefusesBadInput() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/demo/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"acct active\",\"user\":\"\",\"role\":\"owner\"}"))
			.build());
		assertThat(response.statusCode()).isEqualTo(400);
	}

	private String token(String account, String user, String role) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/demo/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"account\":\"" + account + "\",\"user\":\"" + user + "\",\"role\":\"" + role + "\"}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		return body.get("access_token").asString();
	}

	private JsonNode getJson(String path, String token) throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
