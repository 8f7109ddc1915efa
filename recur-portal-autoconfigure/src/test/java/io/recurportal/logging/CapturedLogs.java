package io.recurportal.logging;

import java.util.List;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of this package assert about the captured log.
 */
final class CapturedLogs {

	/**
	 * How long a piece of a secret is looked for: a key cut short or partly masked is
	 * still found, while shorter pieces of random text would turn up by chance.
	 */
	private static final int PIECE = 8;

	private CapturedLogs() {
	}

	/**
	 * Asserts that logging was on: the log has the lines given, so a secret logged
	 * beside them would have been captured too.
	 * @param output the captured output
	 * @param lines text of lines that must have been logged
	 */
	static void assertLogged(CapturedOutput output, String... lines) {
		assertThat(output.getAll()).isNotBlank().contains(lines);
	}

	/**
	 * Asserts that the log shows neither a secret nor any {@value #PIECE} characters of it
	 * after its well-known prefix ({@code sk_test_}, {@code whsec_}, ...).
	 * @param log the log
	 * @param what what the secret is, for the failure message
	 * @param secret the secret
	 */
	static void assertNotLogged(String log, String what, String secret) {
		assertThat(log).withFailMessage("The log shows %s:%n%s", what, linesWith(log, secret)).doesNotContain(secret);
		String random = secret.replaceFirst("^(sk_test_|sk_portal_|whsec_)", "");
		for (int i = 0; i + PIECE <= random.length(); i++) {
			String piece = random.substring(i, i + PIECE);
			assertThat(linesWith(log, piece)).as("lines showing part of %s ('%s')", what, piece).isEmpty();
		}
	}

	private static List<String> linesWith(String log, String text) {
		return log.lines().filter((line) -> line.contains(text)).toList();
	}

	/**
	 * The log without the request lines of a link's redemption, which Spring Security
	 * ({@code Securing GET /portal/s/...}) and DispatcherServlet ({@code GET "/portal/s/..."})
	 * log at DEBUG before the portal sees the request; for an emailed link, the GET of its
	 * page and the POST of its button. The token is in the link's path, where it must be
	 * for the link to work from an email without JavaScript; the requests that log it
	 * open it, so the value in those lines opens nothing by the time the lines can be
	 * read. Every other mention of the token is still a leak.
	 * @param log the log
	 * @param token the link's token
	 * @return the log with those request lines' token replaced
	 */
	static String apartFromRedemption(String log, String token) {
		return log.replace("GET /portal/s/" + token, "GET /portal/s/<redeemed>")
			.replace("GET \"/portal/s/" + token, "GET \"/portal/s/<redeemed>")
			.replace("POST /portal/s/" + token, "POST /portal/s/<redeemed>")
			.replace("POST \"/portal/s/" + token, "POST \"/portal/s/<redeemed>");
	}

}
