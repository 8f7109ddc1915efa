package io.recurportal.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

import io.recurportal.billing.sandbox.SandboxBillingGateway;
import io.recurportal.billing.sandbox.SandboxClock;
import io.recurportal.billing.sandbox.SandboxSeed;
import io.recurportal.billing.sandbox.SandboxSettings;

/**
 * A sandbox gateway seeded with {@code test-seed.json}, for tests below the web layer.
 */
public final class TestSandbox {

	private TestSandbox() {
	}

	public static SandboxBillingGateway create() {
		try (InputStream seed = TestSandbox.class.getResourceAsStream("/test-seed.json")) {
			return new SandboxBillingGateway(SandboxClock.system(), SandboxSeed.read(seed),
					new SandboxSettings(Duration.ofDays(14), "/portal/sandbox/checkout"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
