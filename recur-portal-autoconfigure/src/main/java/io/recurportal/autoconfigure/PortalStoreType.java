package io.recurportal.autoconfigure;

/**
 * Where the portal keeps its state (sessions, the subscription mirror, webhook event
 * ids, the audit trail): the values of {@code recur.portal.store}.
 */
public enum PortalStoreType {

	/** In the database when the host has a single {@code DataSource}, else in memory. */
	AUTO,

	/** In this JVM's memory: one instance only, and lost on restart. */
	MEMORY,

	/** In the host's database; a single {@code DataSource} bean is required. */
	JDBC

}
