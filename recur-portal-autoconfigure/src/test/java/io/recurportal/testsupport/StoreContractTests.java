package io.recurportal.testsupport;

import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of a store's contract tests: every test runs once per {@link Storage}, in
 * memory, on H2 and on PostgreSQL, so each implementation answers the same cases. A
 * contract test says only how to build its store, in memory and on a database; the
 * databases it opens are closed after each test.
 *
 * @param <S> the store type
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreContractTests.Storage.class)
public abstract class StoreContractTests<S> {

	@Parameter
	Storage storage;

	private final Supplier<S> inMemory;

	private final JdbcStoreFixture.StoreFactory<S> onDatabase;

	private JdbcStoreFixture fixture;

	/**
	 * Creates the contract for a store.
	 * @param inMemory makes the in-memory store
	 * @param onDatabase makes the JDBC store on a database that has the portal's tables
	 */
	protected StoreContractTests(Supplier<S> inMemory, JdbcStoreFixture.StoreFactory<S> onDatabase) {
		this.inMemory = inMemory;
		this.onDatabase = onDatabase;
	}

	/**
	 * A new, empty store of the implementation under test; on a database, each call opens
	 * a database (or, on PostgreSQL, tables) of its own.
	 * @return the store
	 */
	protected final S createStore() {
		if (this.storage == Storage.IN_MEMORY) {
			return this.inMemory.get();
		}
		if (this.fixture == null) {
			this.fixture = (this.storage == Storage.H2) ? JdbcStoreFixture.h2() : JdbcStoreFixture.postgres();
		}
		return this.fixture.create(this.onDatabase);
	}

	@Test
	void createStoreBuildsTheImplementationUnderTest() {
		String implementation = createStore().getClass().getSimpleName();
		assertThat(implementation).startsWith((this.storage == Storage.IN_MEMORY) ? "InMemory" : "Jdbc");
		if (this.storage != Storage.IN_MEMORY) {
			assertThat(this.fixture).isNotNull();
		}
	}

	@AfterEach
	void closeDatabases() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	/**
	 * Where a store under test keeps its data.
	 */
	public enum Storage {

		/** The in-memory implementation. */
		IN_MEMORY,

		/** The JDBC implementation on an in-memory H2. */
		H2,

		/** The JDBC implementation on an embedded PostgreSQL. */
		POSTGRESQL

	}

}
