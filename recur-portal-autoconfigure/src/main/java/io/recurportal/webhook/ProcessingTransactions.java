package io.recurportal.webhook;

/**
 * How processing an event is made all or nothing, and when the host hears of it. With
 * JDBC stores this is a database transaction ({@link SpringProcessingTransactions}); with
 * stores in memory there is none, and spring-tx need not be on the classpath.
 */
@FunctionalInterface
public interface ProcessingTransactions {

	/**
	 * Runs work in one transaction and, once it has committed, the after-commit work.
	 * @param work the processing; when it throws, everything it wrote is rolled back and
	 * the after-commit work does not run
	 * @param afterCommit what to do once the processing is committed
	 */
	void execute(Runnable work, Runnable afterCommit);

	/**
	 * No transaction: for stores in memory, which have nothing to roll back. The
	 * after-commit work runs as soon as the work returned.
	 * @return the transactions
	 */
	static ProcessingTransactions none() {
		return (work, afterCommit) -> {
			work.run();
			afterCommit.run();
		};
	}

}
