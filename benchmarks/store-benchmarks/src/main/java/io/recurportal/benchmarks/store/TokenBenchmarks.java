package io.recurportal.benchmarks.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.recurportal.session.JdbcPortalSessionStore;
import io.recurportal.session.PortalSession;

/**
 * Benchmark 4: portal link tokens created and redeemed per second with the real
 * {@link JdbcPortalSessionStore} on PostgreSQL, against a baseline of the same three
 * round trips in plain JDBC on the same database and pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenBenchmarks {

	private static final String BASELINE_TABLE = "bench_token_baseline";

	private final AtomicLong baselineIds = new AtomicLong();

	private BenchmarkDatabase database;

	private PortalLinkTokens tokens;

	@Setup(Level.Trial)
	public void startDatabase() {
		this.database = BenchmarkDatabase.create();
		this.tokens = new PortalLinkTokens(new JdbcPortalSessionStore(this.database.dataSource(),
				this.database.transactions(), BenchmarkDatabase.TABLE_PREFIX));
		this.database.execute("CREATE TABLE " + BASELINE_TABLE + " (id VARCHAR(64) PRIMARY KEY,"
				+ " token_hash VARCHAR(128) NOT NULL UNIQUE, accessed_at TIMESTAMP WITH TIME ZONE)");
	}

	@TearDown(Level.Trial)
	public void stopDatabase() {
		this.database.close();
	}

	/**
	 * Creates a session with a new token, then redeems the token: token generation,
	 * SHA-256, the session {@code INSERT}, the redeeming {@code UPDATE} and the read of
	 * the redeemed row.
	 * @return the opened session
	 */
	@Benchmark
	public PortalSession createAndRedeem() {
		String token = this.tokens.create();
		return this.tokens.redeem(token)
			.orElseThrow(() -> new IllegalStateException("A new token could not be redeemed"));
	}

	/**
	 * The baseline: one narrow row inserted, updated on a condition and read back by key,
	 * in plain JDBC on one pooled connection. The floor under {@link #createAndRedeem()}.
	 * @return the row read
	 * @throws SQLException never, on a healthy database
	 */
	@Benchmark
	public String baselineInsertUpdateSelect() throws SQLException {
		String id = "b" + this.baselineIds.incrementAndGet();
		String hash = "h" + id;
		try (Connection connection = this.database.dataSource().getConnection()) {
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO " + BASELINE_TABLE + " (id, token_hash) VALUES (?, ?)")) {
				insert.setString(1, id);
				insert.setString(2, hash);
				insert.executeUpdate();
			}
			try (PreparedStatement update = connection.prepareStatement("UPDATE " + BASELINE_TABLE
					+ " SET accessed_at = now() WHERE token_hash = ? AND accessed_at IS NULL")) {
				update.setString(1, hash);
				if (update.executeUpdate() != 1) {
					throw new IllegalStateException("Baseline row " + id + " was not updated");
				}
			}
			try (PreparedStatement select = connection
				.prepareStatement("SELECT id FROM " + BASELINE_TABLE + " WHERE token_hash = ?")) {
				select.setString(1, hash);
				try (ResultSet resultSet = select.executeQuery()) {
					resultSet.next();
					return resultSet.getString(1);
				}
			}
		}
	}

}
