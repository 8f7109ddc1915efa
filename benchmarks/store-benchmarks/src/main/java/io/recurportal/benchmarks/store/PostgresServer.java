package io.recurportal.benchmarks.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL server listening on 127.0.0.1 only. {@link StoreBenchmarks}
 * starts one for the whole run and hands its port to the JMH forks in the system
 * property {@value #PORT_PROPERTY}; each fork works in a database of its own on it.
 */
final class PostgresServer implements AutoCloseable {

	/** The system property with the port of a server already running. */
	static final String PORT_PROPERTY = "recur.benchmarks.postgres.port";

	private final EmbeddedPostgres postgres;

	private PostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * Starts a server; it is also stopped when the JVM exits.
	 * @return the server
	 */
	static PostgresServer start() {
		try {
			return new PostgresServer(EmbeddedPostgres.builder()
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setOutputRedirector(Redirect.DISCARD)
				.setErrorRedirector(Redirect.DISCARD)
				.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL", ex);
		}
	}

	int port() {
		return this.postgres.getPort();
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop the embedded PostgreSQL", ex);
		}
	}

}
