package io.recurportal.testsupport;

import java.time.Clock;
import java.time.Duration;

import io.recurportal.snapshot.AccountSnapshots;
import io.recurportal.snapshot.InMemoryBillingSnapshotStore;

/**
 * Account snapshots in memory, for tests that build the portal's parts by hand.
 */
public final class TestSnapshots {

	private TestSnapshots() {
	}

	public static AccountSnapshots inMemory() {
		return inMemory(Clock.systemUTC());
	}

	public static AccountSnapshots inMemory(Clock clock) {
		return new AccountSnapshots(new InMemoryBillingSnapshotStore(), Duration.ofMinutes(10), clock);
	}

}
