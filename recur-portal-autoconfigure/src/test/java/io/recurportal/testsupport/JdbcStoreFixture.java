package io.recurportal.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Databases with the portal's tables for one store test, closed after it.
 */
public final class JdbcStoreFixture implements AutoCloseable {

	private final List<HikariDataSource> dataSources = new ArrayList<>();

	private final Supplier<HikariDataSource> factory;

	private JdbcStoreFixture(Supplier<HikariDataSource> factory) {
		this.factory = factory;
	}

	public static JdbcStoreFixture h2() {
		return new JdbcStoreFixture(TestDatabases::h2);
	}

	public static JdbcStoreFixture postgres() {
		return new JdbcStoreFixture(TestDatabases::postgresPool);
	}

	/**
	 * Opens a database with fresh tables and builds a store on it.
	 * @param <T> the store type
	 * @param store makes the store from the data source, its transactions and the prefix
	 * @return the store
	 */
	public <T> T create(StoreFactory<T> store) {
		HikariDataSource dataSource = this.factory.get();
		this.dataSources.add(dataSource);
		String prefix = TestDatabases.uniqueTablePrefix();
		TestDatabases.createTables(dataSource, prefix);
		return store.create(dataSource, TestDatabases.transactions(dataSource), prefix);
	}

	@Override
	public void close() {
		this.dataSources.forEach(HikariDataSource::close);
	}

	/**
	 * How a JDBC store is made.
	 *
	 * @param <T> the store type
	 */
	@FunctionalInterface
	public interface StoreFactory<T> {

		T create(DataSource dataSource, TransactionOperations transactions, String tablePrefix);

	}

}
